import Foundation
import Synchronization
import Testing
@testable import Inference

@Suite struct ComputePoolTests {
    @Test func parallelRangesCoverEveryIndexOnce() {
        let pool = ComputePool.shared(threads: 3)
        for count in [0, 1, 2, 5, 16, 17, 1000, 4099] {
            for granularity in [1, 16] {
                let hits = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(count, 1))
                hits.initialize(repeating: 0)
                pool.parallelRanges(count: count, granularity: granularity, oversplit: 4) { range in
                    for i in range { hits[i] += 1 }
                }
                #expect(hits.prefix(count).allSatisfy { $0 == 1 }, "count \(count) granularity \(granularity)")
                hits.deallocate()
            }
        }
    }

    @Test func manyShortRegionsInARowAllComplete() {
        let pool = ComputePool.shared(threads: 2)
        let total = Atomic<Int>(0)
        for _ in 0..<5000 {
            pool.run(chunks: 7) { c in total.add(c, ordering: .relaxed) }
        }
        #expect(total.load(ordering: .relaxed) == 5000 * 21)
    }
}

extension ComputePoolTests {
    /// The caller waits (spinning, then blocked) for a chunk another thread
    /// holds for much longer than the spin time; every chunk still runs once.
    @Test func callerWaitsForASlowChunk() {
        let pool = ComputePool.shared(threads: 2)
        let hits = Mutex<[Int]>([])
        for _ in 0..<5 {
            pool.run(chunks: 4) { c in
                if c == 1 { Thread.sleep(forTimeInterval: 0.02) }
                hits.withLock { $0.append(c) }
            }
        }
        #expect(hits.withLock { $0.sorted() } == (0..<5).flatMap { _ in 0..<4 }.sorted())
    }

    /// Idle workers block instead of spinning: after a job, every worker of
    /// the pool ends up waiting on its condition (within a generous limit).
    @Test func idleWorkersGoToSleep() {
        let pool = ComputePool.shared(threads: 3)
        pool.run(chunks: 6) { _ in }
        var waited = 0.0
        while pool.sleepingWorkers < pool.threadCount - 1 && waited < 5 {
            Thread.sleep(forTimeInterval: 0.01)
            waited += 0.01
        }
        #expect(pool.sleepingWorkers == pool.threadCount - 1)
    }
}
