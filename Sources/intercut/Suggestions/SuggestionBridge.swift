import Assistant
import Backends
import EditorCore
import Foundation
import Synchronization

/// The glue between the editor's suggestion pane and the assistant: carries
/// out the editor's `SuggestionEffect`s with a ``SuggestionCoordinator`` and
/// posts the coordinator's updates back to the UI thread as `PaneUpdate`s.
///
/// The editor numbers its requests ("tickets"); the coordinator has its own
/// ids. Each request's update handler captures its ticket, so updates need
/// no reverse lookup; decisions map ticket → id here. The backend may still
/// be loading when the first request comes: the last such request waits and
/// starts as soon as the coordinator is installed.
///
/// `perform` is called on the UI thread (the UI loop's effect handler) and
/// returns at once: the coordinator's work (building a prompt from a
/// 100-page script takes tens of milliseconds) runs in order on the
/// bridge's own serial queue, so a keystroke never waits for it. `post` is
/// the UI loop's queue. The state sits behind a mutex so the loader's task
/// can install the coordinator from any thread.
final class SuggestionBridge: Sendable {
    typealias Post = @Sendable (@escaping @Sendable (Editor) -> Void) -> Void

    private struct State {
        var coordinator: SuggestionCoordinator?
        var requests: [Int: SuggestionRequestID] = [:]
        /// A request made while the backend loads, and the candidates of it
        /// the writer stopped meanwhile.
        var waiting: SuggestionQuery?
        var waitingStops: Set<Int> = []
        /// Why there is no backend, once known.
        var unavailable: String?
        /// Where the script went while the backend loaded (the log was
        /// opened for the launch path): applied on install. `sameScript`
        /// only if every move was a Save As.
        var moved: (path: String?, sameScript: Bool)?
    }

    private let post: Post
    private let state = Mutex(State())
    private let work = DispatchQueue(label: "intercut.suggestions", qos: .userInitiated)

    init(post: @escaping Post) {
        self.post = post
    }

    /// The backend is ready: start the request that waited for it, if any.
    /// Done on the bridge's queue, in order with the effects, so an effect
    /// for the waiting request (a stop, a move of the log) is never lost
    /// between the two.
    func install(_ coordinator: SuggestionCoordinator) {
        work.async { self.installNow(coordinator) }
    }

    private func installNow(_ coordinator: SuggestionCoordinator) {
        let (waiting, stops, moved) = state.withLock { s in
            s.coordinator = coordinator
            defer { s.waiting = nil; s.waitingStops = []; s.moved = nil }
            return (s.waiting, s.waitingStops, s.moved)
        }
        if let moved { moveLog(coordinator, to: moved.path, sameScript: moved.sameScript) }
        let name = coordinator.backendName
        post { $0.applySuggestionUpdate(.backend(name: name, available: true)) }
        if let waiting {
            let id = start(waiting, with: coordinator)
            for index in stops.sorted() { coordinator.stop(request: id, index: index) }
        }
    }

    /// The backend is being built (the model loads): say so in the pane.
    func showLoading(_ label: String) {
        post { $0.applySuggestionUpdate(.backend(name: label, available: true)) }
    }

    /// No backend can be had (no model installed, a bad config): the pane says why.
    func markUnavailable(_ reason: String) {
        let waiting = state.withLock { s -> SuggestionQuery? in
            s.unavailable = reason
            defer { s.waiting = nil }
            return s.waiting
        }
        post { editor in
            if let waiting { editor.applySuggestionUpdate(.failed(ticket: waiting.ticket, message: reason)) }
            editor.applySuggestionUpdate(.backend(name: reason, available: false))
        }
    }

    /// Carries out one effect from the editor, off the calling thread, in order.
    func perform(_ effect: SuggestionEffect) {
        work.async { self.carryOut(effect) }
    }

    private func carryOut(_ effect: SuggestionEffect) {
        switch effect {
        case .request(let query):
            let (coordinator, unavailable) = state.withLock { s -> (SuggestionCoordinator?, String?) in
                if s.coordinator == nil, s.unavailable == nil { s.waiting = query; s.waitingStops = [] }
                return (s.coordinator, s.unavailable)
            }
            if let coordinator {
                start(query, with: coordinator)
            } else if let unavailable {
                // The backend failed to load after the key was pressed but
                // before this request got here: end it rather than leave it queued.
                post { $0.applySuggestionUpdate(.failed(ticket: query.ticket, message: unavailable)) }
            }
        case .regenerate(let ticket, let index):
            guard let (coordinator, id) = lookup(ticket) else { return }
            coordinator.regenerate(request: id, index: index, update: handler(for: ticket))
        case .stop:
            let coordinator = state.withLock { s in
                s.waiting = nil
                return s.coordinator
            }
            coordinator?.stop()
        case .stopCandidate(let ticket, let index):
            guard let (coordinator, id) = lookup(ticket) else {
                // Still waiting for the backend: it starts without that candidate.
                return state.withLock { s in if s.waiting?.ticket == ticket { s.waitingStops.insert(index) } }
            }
            coordinator.stop(request: id, index: index)
        case .scriptPath(let path, let savedAs):
            let coordinator = state.withLock { s -> SuggestionCoordinator? in
                if s.coordinator == nil { s.moved = (path, savedAs && (s.moved?.sameScript ?? true)) }
                return s.coordinator
            }
            if let coordinator { moveLog(coordinator, to: path, sameScript: savedAs) }
        case .decision(let ticket, let index, let decision):
            guard let (coordinator, id) = lookup(ticket) else { return }
            coordinator.record(request: id, index: index, outcome: Self.outcome(decision))
            let rate = coordinator.acceptanceRate
            post { $0.applySuggestionUpdate(.acceptanceRate(rate)) }
        }
    }

    /// Carries out what the editor owes at the end of the session, then
    /// stops generating and logs anything still undecided as ignored.
    func finish(_ effects: [EditorEffect]) {
        for case .suggestion(let effect) in effects { perform(effect) }
        work.sync { state.withLock { $0.coordinator }?.close() }
    }

    private func moveLog(_ coordinator: SuggestionCoordinator, to path: String?, sameScript: Bool) {
        if let problem = coordinator.moveLog(toScript: path, sameScript: sameScript) {
            post { $0.showError(problem) }
        }
    }

    @discardableResult
    private func start(_ query: SuggestionQuery, with coordinator: SuggestionCoordinator) -> SuggestionRequestID {
        let ask = SuggestionAsk(script: query.script, cursorLine: query.cursorLine, cursorColumn: query.cursorColumn,
                                count: query.count, direction: query.direction,
                                element: query.character.map { .dialogue(character: $0) })
        let id = coordinator.request(ask, update: handler(for: query.ticket))
        state.withLock { s in
            s.requests[query.ticket] = id
            // Decisions can come late, but not many requests late.
            for old in s.requests.keys where old < query.ticket - 8 { s.requests[old] = nil }
        }
        return id
    }

    private func lookup(_ ticket: Int) -> (SuggestionCoordinator, SuggestionRequestID)? {
        state.withLock { s in
            guard let coordinator = s.coordinator, let id = s.requests[ticket] else { return nil }
            return (coordinator, id)
        }
    }

    private func handler(for ticket: Int) -> SuggestionCoordinator.UpdateHandler {
        let post = post
        return { update in
            let paneUpdate = Self.paneUpdate(update, ticket: ticket)
            post { $0.applySuggestionUpdate(paneUpdate) }
        }
    }

    static func paneUpdate(_ update: SuggestionUpdate, ticket: Int) -> PaneUpdate {
        switch update {
        case .candidate(_, let index, let text, let state, let rate):
            return .candidate(ticket: ticket, index: index, text: text, status: status(state), tokensPerSecond: rate)
        case .dropped(_, let index, let reason):
            return .dropped(ticket: ticket, index: index, reason: reason)
        case .failed(_, let message):
            return .failed(ticket: ticket, message: message)
        }
    }

    static func status(_ state: CandidateState) -> PaneCandidate.Status {
        switch state {
        case .queued: .queued
        case .streaming: .streaming
        case .done: .done
        case .stopped: .stopped
        case .failed(let message): .failed(message)
        }
    }

    static func outcome(_ decision: PaneDecision) -> SuggestionOutcome {
        switch decision {
        case .accepted: .accepted
        case .acceptedPart(let part): .acceptedPart(part)
        case .edited(let final): .edited(final: final)
        case .rejected: .rejected
        case .ignored: .ignored
        }
    }
}
