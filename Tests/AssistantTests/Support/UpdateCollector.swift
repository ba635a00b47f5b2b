import Foundation
import Synchronization
@testable import Assistant
import Backends

/// Collects a coordinator's updates from any thread and waits for a
/// condition on them (the timeout only bounds a failing test).
final class UpdateCollector: Sendable {
    private let updates = Mutex<[SuggestionUpdate]>([])

    var handler: SuggestionCoordinator.UpdateHandler {
        { update in self.updates.withLock { $0.append(update) } }
    }

    var all: [SuggestionUpdate] { updates.withLock { $0 } }

    /// Waits until `condition` holds for the updates so far; false on timeout.
    @discardableResult
    func wait(timeout: Duration = .seconds(30), _ condition: ([SuggestionUpdate]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(all) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition(all)
    }

    /// The last candidate update of `index` in `request`.
    func last(_ request: Int, _ index: Int) -> (text: String, state: CandidateState)? {
        for update in all.reversed() {
            if case .candidate(request, index, let text, let state, _) = update { return (text, state) }
        }
        return nil
    }

    func dropped(_ request: Int) -> [(index: Int, reason: String)] {
        all.compactMap { update in
            if case .dropped(request, let index, let reason) = update { return (index, reason) }
            return nil
        }
    }

    /// Whether every slot of `request` has a final candidate state, or was dropped after its last candidate update.
    func settled(_ request: Int, count: Int) -> Bool {
        (0..<count).allSatisfy { index in
            for update in all.reversed() {
                switch update {
                case .candidate(request, index, _, let state, _): return state.isFinal
                case .dropped(request, index, _): return true
                default: continue
                }
            }
            return false
        }
    }
}
