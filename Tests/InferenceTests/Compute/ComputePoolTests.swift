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
