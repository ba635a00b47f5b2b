import Synchronization

/// Stops a running generation, whole or one candidate at a time.
///
/// The engine polls it once per decode step: a stopped candidate ends with
/// ``FinishReason/cancelled`` and leaves the batch, so the others go on
/// decoding with one row less (its compute is freed, not just its output
/// hidden). Stopping everything ends the generation at the next step.
/// Thread-safe; stopping is permanent for the generation it was passed to.
public final class GenerationControl: Sendable {
    /// Bit i: candidate i stopped (the engine decodes at most 16 at once).
    private let stoppedCandidates = Atomic<UInt32>(0)
    private let stoppedAll = Atomic<Bool>(false)

    public init() {}

    /// Stops candidate `index`; the others continue.
    public func stop(candidate index: Int) {
        guard (0..<32).contains(index) else { return }
        stoppedCandidates.bitwiseOr(UInt32(1) << UInt32(index), ordering: .releasing)
    }

    /// Stops the whole generation.
    public func stopAll() {
        stoppedAll.store(true, ordering: .releasing)
    }

    var isAllStopped: Bool { stoppedAll.load(ordering: .acquiring) }

    func isStopped(candidate index: Int) -> Bool {
        index < 32 && stoppedCandidates.load(ordering: .acquiring) & (UInt32(1) << UInt32(index)) != 0
    }
}
