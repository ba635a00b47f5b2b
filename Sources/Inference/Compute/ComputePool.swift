import Foundation
import InferenceKernels
import Synchronization

/// The one fork-join pool every matmul and attention loop runs on: the
/// calling thread plus `threadCount - 1` workers. All candidates of a batch
/// share it (they are rows of one batch, not separate tasks), so the cores are
/// never oversubscribed.
///
/// Decode issues ~75 parallel regions per token, a few microseconds apart, so
/// hand-off cost matters; but an idle worker must not hold a core the UI
/// thread or another process needs. So every wait spins for a short, fixed
/// time (``spinMicroseconds``, long enough to bridge the gaps inside a decode
/// step) and then blocks on a condition: between tokens, between requests and
/// whenever the machine is busy, waiting threads sleep. Claiming a chunk is a
/// compare-and-swap on a ticket (generation << 32 | next chunk), so a late
/// worker can never run a chunk of a finished job, and the caller takes
/// whatever chunks a descheduled worker has not claimed.
final class ComputePool: @unchecked Sendable {
    let threadCount: Int

    /// How long a waiting thread spins before it blocks.
    static let spinMicroseconds = 50
    /// PAUSE instructions in ``spinMicroseconds``: PAUSE costs ~10 ns on bare
    /// metal but ~170 ns under KVM here (pause-loop exits), so it is timed once.
    static let spinLimit: Int = {
        let probe = 200
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<probe { ick_cpu_relax() }
        let perPause = max(1, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(probe))
        return max(16, Int(Double(spinMicroseconds) * 1000 / perPause))
    }()

    private let ticket = Atomic<Int>(0)
    private let completed = Atomic<Int>(0)
    /// Workers blocked (or about to block) on `wakeup`.
    private let sleepers = Atomic<Int>(0)
    /// 1 while the caller is blocked (or about to block) on `finished`.
    private let callerSleeping = Atomic<Int>(0)
    private let wakeup = NSCondition()
    private let finished = NSCondition()
    private var job: ((Int) -> Void)?
    private var chunkCount = 0
    private var generation = 0
    private let runLock = NSLock()

    /// Workers currently blocked (or about to block) waiting for a job.
    var sleepingWorkers: Int { sleepers.load(ordering: .sequentiallyConsistent) }

    /// Pools live for the whole process (their workers hold them), so they
    /// are made only through ``shared(threads:)``: one per thread count.
    private init(threadCount: Int) {
        self.threadCount = max(1, threadCount)
        _ = Self.spinLimit
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
            // 31 bits of generation: the ticket never overflows, and a wrapped
            // generation is still different from the one before it.
            generation = (generation + 1) & 0x7FFF_FFFF
            completed.store(0, ordering: .sequentiallyConsistent)
            ticket.store(generation << 32, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wakeup.lock()
                wakeup.broadcast()
                wakeup.unlock()
            }
            drain(generation: generation)
            // The rest is chunks other threads claimed: spin briefly, then sleep
            // until the thread finishing the last chunk signals.
            var spins = 0
            while completed.load(ordering: .acquiring) < chunks {
                if spins < Self.spinLimit {
                    spins += 1
                    ick_cpu_relax()
                    continue
                }
                callerSleeping.store(1, ordering: .sequentiallyConsistent)
                finished.lock()
                while completed.load(ordering: .sequentiallyConsistent) < chunks { finished.wait() }
                finished.unlock()
                callerSleeping.store(0, ordering: .sequentiallyConsistent)
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
            // Read before completing: once the last chunk is counted, the caller
            // may return and start the next job.
            let count = chunkCount
            guard index < count else { return }
            if ticket.compareExchange(expected: t, desired: t + 1, ordering: .acquiringAndReleasing).exchanged {
                // A claimed chunk pins the job: run() waits for it before moving on.
                job?(index)
                let done = completed.add(1, ordering: .sequentiallyConsistent).newValue
                if done == count && callerSleeping.load(ordering: .sequentiallyConsistent) != 0 {
                    finished.lock()
                    finished.broadcast()
                    finished.unlock()
                }
            }
        }
    }

    private func workerLoop() {
        var seen = 0
        while true {
            var spins = 0
            var gen = ticket.load(ordering: .acquiring) >> 32
            while gen == seen {
                if spins < Self.spinLimit {
                    spins += 1
                    ick_cpu_relax()
                } else {
                    sleepers.add(1, ordering: .sequentiallyConsistent)
                    wakeup.lock()
                    while ticket.load(ordering: .sequentiallyConsistent) >> 32 == seen { wakeup.wait() }
                    wakeup.unlock()
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
