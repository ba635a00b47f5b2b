import Foundation
import InferenceKernels
import Synchronization

/// The one fork-join pool every matmul and attention loop runs on: the
/// calling thread plus `threadCount - 1` workers. All candidates of a batch
/// share it (they are rows of one batch, not separate tasks), so the cores are
/// never oversubscribed.
///
/// Decode issues ~75 parallel regions per token, so dispatch cost matters:
/// workers spin briefly on an atomic ticket (generation << 32 | next chunk)
/// before sleeping on a condition. Claiming a chunk is a compare-and-swap on
/// the ticket, so a late worker can never run a chunk of a finished job.
final class ComputePool: @unchecked Sendable {
    let threadCount: Int

    private let ticket = Atomic<Int>(0)
    private let completed = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let condition = NSCondition()
    private var job: ((Int) -> Void)?
    private var chunkCount = 0
    private var generation = 0
    private let runLock = NSLock()

    /// Pools live for the whole process (their workers hold them), so they
    /// are made only through ``shared(threads:)``: one per thread count.
    private init(threadCount: Int) {
        self.threadCount = max(1, threadCount)
        for _ in 1..<self.threadCount {
            let thread = Thread { self.workerLoop() }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private static let registry = Mutex<[Int: ComputePool]>([:])

    /// The process-wide pool with `threads` threads (engines asking for the
    /// same count share it, so cores are never oversubscribed by us).
    static func shared(threads: Int) -> ComputePool {
        let n = max(1, threads)
        return registry.withLock { pools in
            if let p = pools[n] { return p }
            let p = ComputePool(threadCount: n)
            pools[n] = p
            return p
        }
    }

    /// One thread per core.
    static var shared: ComputePool { shared(threads: ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs body(chunk) for chunk in 0..<chunks across the pool and returns
    /// when all are done. Not reentrant: body must not call run.
    func run(chunks: Int, _ body: (Int) -> Void) {
        if chunks <= 1 || threadCount == 1 {
            for c in 0..<chunks { body(c) }
            return
        }
        runLock.lock()
        defer { runLock.unlock() }
        withoutActuallyEscaping(body) { escaping in
            job = escaping
            chunkCount = chunks
            generation += 1
            completed.store(0, ordering: .sequentiallyConsistent)
            ticket.store(generation << 32, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                condition.lock()
                condition.broadcast()
                condition.unlock()
            }
            drain(generation: generation)
            // Spin briefly, then yield: on a loaded machine the worker we wait
            // for may be descheduled, and spinning would only delay it.
            var spins = 0
            while completed.load(ordering: .acquiring) < chunks {
                spins += 1
                if spins < 4_000 { ick_cpu_relax() } else { sched_yield() }
            }
            job = nil
        }
    }

    /// Splits 0..<count into about `threadCount * oversplit` contiguous ranges
    /// aligned to `granularity` and runs them in parallel.
    func parallelRanges(count: Int, granularity: Int = 1, oversplit: Int = 1, _ body: (Range<Int>) -> Void) {
        let units = (count + granularity - 1) / granularity
        let parts = min(threadCount * oversplit, units)
        if parts <= 1 || threadCount == 1 {
            if count > 0 { body(0..<count) }
            return
        }
        run(chunks: parts) { p in
            let lo = units * p / parts * granularity
            let hi = min(count, units * (p + 1) / parts * granularity)
            if lo < hi { body(lo..<hi) }
        }
    }

    /// Claims and runs chunks of `generation` until none are left.
    private func drain(generation gen: Int) {
        while true {
            let t = ticket.load(ordering: .acquiring)
            guard t >> 32 == gen else { return }
            let index = t & 0xFFFF_FFFF
            guard index < chunkCount else { return }
            if ticket.compareExchange(expected: t, desired: t + 1, ordering: .acquiringAndReleasing).exchanged {
                // A claimed chunk pins the job: run() waits for it before moving on.
                job?(index)
                completed.add(1, ordering: .releasing)
            }
        }
    }

    private func workerLoop() {
        var seen = 0
        while true {
            var spins = 0
            var gen = ticket.load(ordering: .acquiring) >> 32
            while gen == seen {
                spins += 1
                if spins < 20_000 {
                    ick_cpu_relax()
                } else if spins < 20_100 {
                    sched_yield()
                } else {
                    sleepers.add(1, ordering: .sequentiallyConsistent)
                    condition.lock()
                    while ticket.load(ordering: .sequentiallyConsistent) >> 32 == seen { condition.wait() }
                    condition.unlock()
                    sleepers.subtract(1, ordering: .sequentiallyConsistent)
                    spins = 0
                }
                gen = ticket.load(ordering: .acquiring) >> 32
            }
            seen = gen
            drain(generation: gen)
        }
    }
}
