import Backends
import Foundation
import Synchronization

/// The life of suggestion requests: builds the prompt, runs the backend,
/// turns streamed text into repaired beat-sized candidates, hides
/// duplicates and repeats of rejected lines (refilling their slots), logs
/// every candidate and decision, and steers later requests by rejections.
///
/// One request runs at a time: a new one (or ``stop()``) stops the previous
/// one. Updates arrive on the backend's tasks, any thread; each candidate's
/// updates arrive in order. All methods are cheap enough for the UI thread
/// (no model work, no disk wait; see ``FeedbackLog`` for durability).
public final class SuggestionCoordinator: Sendable {
    public typealias UpdateHandler = @Sendable (SuggestionUpdate) -> Void

    private let backend: any ContinuationBackend
    private let settings: SuggestionSettings
    private let log: FeedbackLog?
    private let builder: PromptBuilder
    private let session: String
    private let baseSeed: Int
    private let state: Mutex<State>

    /// Refills of one slot after drops, per request.
    static let maxRefills = 2
    /// Earlier requests kept for late decisions (a record after the next request started).
    static let keptRequests = 4

    public init(backend: any ContinuationBackend, settings: SuggestionSettings, log: FeedbackLog?) {
        self.backend = backend
        self.settings = settings
        self.log = log
        builder = PromptBuilder(settings: settings, budget: TokenBudget(backend: backend))
        session = UUID().uuidString.lowercased()
        baseSeed = settings.seed ?? Int.random(in: 0...(Int(Int32.max)))
        state = Mutex(State(steering: Steering(settings: settings.steering)))
    }

    /// Accepted (whole, part or edited) over decided candidates this session; nil before any decision.
    public var acceptanceRate: Double? {
        state.withLock { $0.decided > 0 ? Double($0.kept) / Double($0.decided) : nil }
    }

    /// The feedback log's file now (nil: not logging).
    public var logURL: URL? { log?.url }

    /// The backend's label, for the status bar.
    public var backendName: String { backend.displayName }

    // MARK: - Requests

    /// Starts a request (stops any running one). `update` is called from any thread.
    ///
    /// Returns at once: the prompt is built (a few ms on a long script) and
    /// the backend started on a background task.
    @discardableResult
    public func request(_ ask: SuggestionAsk, update: @escaping UpdateHandler) -> SuggestionRequestID {
        var ask = ask
        if ask.count < 1 { ask.count = settings.count }
        ask.count = min(ask.count, 16)
        let count = ask.count
        let (id, bias, records, stopped) = state.withLock { s in
            let (records, stopped) = stopCurrent(&s, loggingIgnored: true)
            let id = s.nextRequest
            s.nextRequest += 1
            s.requests[id] = RequestState(id: id, slots: Array(repeating: CandidateSlot(), count: count), update: update)
            s.current = id
            for old in s.requests.keys where old <= id - Self.keptRequests { s.requests[old] = nil }
            return (id, s.steering.takeBias(), records, stopped)
        }
        for (handler, message) in stopped { handler(message) }
        records.forEach { log?.append($0) }
        Task.detached(priority: .userInitiated) { [self] in
            prepare(id, ask: ask, bias: bias, update: update)
        }
        return id
    }

    /// Builds the prompt of request `id` and starts its backend run, unless
    /// the request was superseded or stopped meanwhile.
    private func prepare(_ id: SuggestionRequestID, ask: SuggestionAsk, bias: [Int: Double],
                         update: @escaping UpdateHandler) {
        let prompt = builder.build(ask)
        var sampling = SamplingOptions(temperature: settings.temperature, topP: settings.topP)
        sampling.logitBias = bias
        let request = ContinuationRequest(
            prompt: prompt.text, candidateCount: ask.count, sampling: sampling,
            stop: StopRules(maxTokens: settings.maxTokens),
            direction: settings.promptStyle == .chat ? ask.direction : nil)
        let processor = CandidatePostProcessor(prompt: prompt, stopAtBeat: settings.stopAtBeat,
                                               stopAtScene: settings.stopAtScene)
        // Slots the writer stopped while the prompt was being built are not generated.
        let open = state.withLock { s -> [Int] in
            guard s.current == id, var r = s.requests[id] else { return [] }
            let open = r.slots.indices.filter { !r.slots[$0].ended }
            guard !open.isEmpty else { return [] }
            r.prepared = Prepared(prompt: prompt, processor: processor, base: request)
            s.requests[id] = r
            return open
        }
        guard !open.isEmpty else { return }
        log?.append(requestRecord(id: id, prompt: prompt, ask: ask, sampling: sampling))
        startRun(request: id, slots: open, update: update)
    }

    /// Regenerates one slot of a request (after a reject), same callback.
    public func regenerate(request: SuggestionRequestID, index: Int, update: @escaping UpdateHandler) {
        let ok = state.withLock { s -> Bool in
            guard s.current == request, let r = s.requests[request], r.prepared != nil,
                  r.slots.indices.contains(index) else { return false }
            return true
        }
        if ok { startRun(request: request, slots: [index], update: update) }
    }

    /// Stops one candidate of the current request while the others go on:
    /// the backend stops spending on it (the engine's batch decodes without
    /// it; its own remote request is closed). It keeps its text and can
    /// still be decided on; the log's candidate record says it was stopped alone.
    public func stop(request: SuggestionRequestID, index: Int) {
        var out: SuggestionUpdate?
        var record: FeedbackRecord?
        var release: (() -> Void)?
        let update: UpdateHandler? = state.withLock { s in
            guard s.current == request, var r = s.requests[request], r.slots.indices.contains(index),
                  !r.slots[index].ended else { return nil }
            r.slots[index].ended = true
            r.slots[index].state = .stopped
            r.slots[index].stoppedAlone = true
            out = candidateUpdate(request, index, r.slots[index])
            record = candidateRecord(request: request, index: index, slot: r.slots[index])
            release = Self.release(slot: index, of: &r)
            s.requests[request] = r
            return r.update
        }
        if let record { log?.append(record) }
        release?()
        if let update, let out { update(out) }
    }

    /// Stops generating. Candidates keep their text and can still be decided on.
    public func stop() {
        let stopped = state.withLock { s in stopCurrent(&s, loggingIgnored: false).stopped }
        for (handler, message) in stopped { handler(message) }
    }

    /// Stops, and logs the current request's undecided candidates as ignored
    /// (call when the session or the pane closes).
    public func close() {
        let (records, stopped) = state.withLock { s in
            let result = stopCurrent(&s, loggingIgnored: true)
            s.current = nil
            return result
        }
        for (handler, message) in stopped { handler(message) }
        records.forEach { log?.append($0) }
    }

    /// The script now lives at `path` (nil: untitled): later records go to
    /// its log (``FeedbackLocation``). With `sameScript` (Save As) the
    /// script's history goes along: the old log's records (for an untitled
    /// buffer's shared log, this session's) are copied into the new log,
    /// and the request on screen goes on. Otherwise (another script opened)
    /// the current request is closed first, so its last records stay in the
    /// old script's log. Returns a one-line problem, if any; records then
    /// keep going to the old log.
    public func moveLog(toScript path: String?, sameScript: Bool) -> String? {
        guard let log else { return nil }
        let destination = FeedbackLocation.log(forScript: path)
        guard destination.standardizedFileURL.path != log.url.standardizedFileURL.path else { return nil }
        if !sameScript { close() }
        let untitled = log.url.standardizedFileURL.path == FeedbackLocation.log(forScript: nil).standardizedFileURL.path
        do {
            try log.move(to: destination, carrying: !sameScript ? .nothing : untitled ? .session(session) : .everything)
            return nil
        } catch {
            return "Feedback log: \(error); suggestions are still recorded in \(log.url.path)"
        }
    }

    /// Logs the writer's decision on a candidate and feeds steering.
    public func record(request: SuggestionRequestID, index: Int, outcome: SuggestionOutcome) {
        let tokenizer = backend as? any TokenizingBackend
        let record: FeedbackRecord? = state.withLock { s in
            guard var r = s.requests[request], r.slots.indices.contains(index) else { return nil }
            var slot = r.slots[index]
            if slot.outcome == nil, outcome.isDecision {
                s.decided += 1
                if outcome.isPositive { s.kept += 1 }
            }
            slot.outcome = outcome
            r.slots[index] = slot
            s.requests[request] = r
            if outcome == .rejected, let prepared = r.prepared {
                let others = r.slots.enumerated().compactMap { k, other -> String? in
                    k == index || other.outcome == .rejected || !other.processed.hasContent ? nil : other.processed.text
                }
                s.steering.reject(slot.processed.text, others: others, promptTail: String(prepared.prompt.text.suffix(2000)),
                                  protected: prepared.prompt.cast, tokenizer: tokenizer)
            }
            return outcomeRecord(request: request, index: index, slot: slot, outcome: outcome)
        }
        if let record { log?.append(record) }
    }

    // MARK: - Runs

    /// Starts one backend stream feeding `slots` of `request` (fresh candidates).
    private func startRun(request: SuggestionRequestID, slots: [Int], update: @escaping UpdateHandler) {
        guard let (run, continuation) = state.withLock({ s -> (Int, ContinuationRequest)? in
            guard s.current == request, var r = s.requests[request], let prepared = r.prepared else { return nil }
            let run = s.nextRun
            s.nextRun += 1
            let previous = Set(slots.map { r.slots[$0].run })
            for index in slots where r.slots[index].run != 0 { r.slots[index].restart(run: run) }
            for index in slots { r.slots[index].run = run; r.slots[index].started = .now }
            // A run that now feeds no open slot only keeps the model busy: stop it.
            for old in previous where !r.slots.contains(where: { $0.run == old && !$0.ended }) {
                r.runs.removeValue(forKey: old)?.task?.cancel()
            }
            var continuation = prepared.base
            continuation.candidateCount = slots.count
            // Every run samples differently, reproducibly from the session's seed.
            continuation.sampling.seed = baseSeed &+ run &* 1000
            s.requests[request] = r
            return (run, continuation)
        }) else { return }
        let stream = backend.continuations(of: continuation)
        // Registered before the first event is read, so a slot that ends early can stop its candidate.
        let registered = state.withLock { s -> Bool in
            guard s.current == request, s.requests[request] != nil else { return false }
            s.requests[request]!.runs[run] = Run(stream: stream, slots: slots)
            return true
        }
        guard registered else { return }
        let task = Task { [self] in
            for await event in stream {
                guard slots.indices.contains(event.candidate) else { continue }
                handle(event.kind, request: request, run: run, index: slots[event.candidate], update: update)
            }
        }
        let orphan = state.withLock { s -> Bool in
            guard s.current == request, s.requests[request]?.runs[run] != nil else { return true }
            s.requests[request]!.runs[run]!.task = task
            return false
        }
        if orphan { task.cancel() }
    }

    private func handle(_ kind: CandidateEvent.Kind, request: SuggestionRequestID, run: Int, index: Int,
                        update: @escaping UpdateHandler) {
        var out: [SuggestionUpdate] = []
        var records: [FeedbackRecord] = []
        var refill = false
        var release: (() -> Void)?
        state.withLock { s in
            guard s.current == request, var r = s.requests[request], let processor = r.prepared?.processor else { return }
            var slot = r.slots[index]
            guard slot.run == run, !slot.ended else { return }
            switch kind {
            case .state(let candidateState) where candidateState.isFinal:
                refill = end(&slot, as: candidateState, in: r, steering: s.steering, out: &out, records: &records,
                             request: request, index: index)
            case .state(let candidateState):
                slot.state = candidateState
                out.append(candidateUpdate(request, index, slot))
            case .text(let text):
                slot.raw += text
                slot.processed = processor.process(slot.raw)
                if slot.state == .queued { slot.state = .streaming }
                if slot.processed.complete || s.steering.repeatsRejection(slot.processed.text, complete: false) {
                    // The beat is over (or the text repeats a rejection): the
                    // backend stops spending on this candidate below.
                    refill = end(&slot, as: .done(.stop), in: r, steering: s.steering, out: &out, records: &records,
                                 request: request, index: index)
                } else {
                    out.append(candidateUpdate(request, index, slot))
                }
            case .progress(let progress):
                slot.tokens = progress.tokens
                slot.timeToFirstToken = progress.timeToFirstToken
                slot.tokensPerSecond = progress.tokensPerSecond ?? slot.tokensPerSecond
                out.append(candidateUpdate(request, index, slot))
            }
            r.slots[index] = slot
            if refill {
                r.slots[index].refills += 1
            }
            if slot.ended { release = Self.release(slot: index, of: &r) }
            s.requests[request] = r
        }
        for message in out { update(message) }
        records.forEach { log?.append($0) }
        release?()
        if refill { startRun(request: request, slots: [index], update: update) }
    }

    /// What stops the backend's work for `slot`, which has just ended: the
    /// whole run when it fed no other open slot (the task is removed from
    /// `r`), else that one candidate of the run's stream (a no-op for a
    /// candidate the backend already ended).
    private static func release(slot index: Int, of r: inout RequestState) -> (() -> Void)? {
        let runID = r.slots[index].run
        guard let run = r.runs[runID], let position = run.slots.firstIndex(of: index) else { return nil }
        if r.slots.allSatisfy({ $0.run != runID || $0.ended }) {
            r.runs[runID] = nil
            return { run.task?.cancel() }
        }
        return { run.stream.stop(candidate: position) }
    }

    /// Ends the candidate in `slot` with `final`: drops it if it is empty, a
    /// duplicate or a repeat of a rejection. Returns whether to refill the slot.
    private func end(_ slot: inout CandidateSlot, as final: CandidateState, in r: RequestState, steering: Steering,
                     out: inout [SuggestionUpdate], records: inout [FeedbackRecord],
                     request: SuggestionRequestID, index: Int) -> Bool {
        slot.ended = true
        slot.state = final
        if case .done = final {
            if let processor = r.prepared?.processor { slot.processed = processor.process(slot.raw) }
            slot.processed.complete = true
            let key = NormalizedText.key(slot.processed.text)
            if !slot.processed.hasContent {
                slot.dropped = "empty"
            } else if steering.repeatsRejection(slot.processed.text, complete: true) {
                slot.dropped = "repeats a rejected line"
            } else if let twin = r.slots.indices.first(where: { k in
                k != index && r.slots[k].ended && r.slots[k].dropped == nil
                    && NormalizedText.key(r.slots[k].processed.text) == key
            }) {
                slot.dropped = "duplicate of candidate \(twin + 1)"
            }
        }
        records.append(candidateRecord(request: request, index: index, slot: slot))
        if let reason = slot.dropped {
            out.append(.dropped(request: request, index: index, reason: reason))
            return settings.regenerateOnReject && slot.refills < Self.maxRefills
        }
        out.append(candidateUpdate(request, index, slot))
        if case .failed(let message) = final, r.slots.enumerated().allSatisfy({ k, other in
            k == index || { if case .failed = other.state { true } else { false } }()
        }), !r.slots.contains(where: { $0.processed.hasContent }) {
            out.append(.failed(request: request, message: message))
        }
        return false
    }

    /// Stops the current request's runs; its unfinished candidates become
    /// `stopped`. Returns the log records (the stopped candidates, and when
    /// asked `ignored` outcomes for undecided shown ones) and the updates to send.
    private func stopCurrent(_ s: inout State, loggingIgnored: Bool)
        -> (records: [FeedbackRecord], stopped: [(UpdateHandler, SuggestionUpdate)]) {
        guard let id = s.current, var r = s.requests[id] else { return ([], []) }
        for run in r.runs.values { run.task?.cancel() }
        r.runs.removeAll()
        var records: [FeedbackRecord] = []
        var stopped: [(UpdateHandler, SuggestionUpdate)] = []
        for index in r.slots.indices {
            if !r.slots[index].ended {
                r.slots[index].ended = true
                r.slots[index].state = .stopped
                stopped.append((r.update, candidateUpdate(id, index, r.slots[index])))
                records.append(candidateRecord(request: id, index: index, slot: r.slots[index]))
            }
            if loggingIgnored, r.slots[index].isOpen {
                r.slots[index].outcome = .ignored
                records.append(outcomeRecord(request: id, index: index, slot: r.slots[index], outcome: .ignored))
            }
        }
        s.requests[id] = r
        return (records, stopped)
    }

    private func candidateUpdate(_ request: SuggestionRequestID, _ index: Int, _ slot: CandidateSlot) -> SuggestionUpdate {
        .candidate(request: request, index: index, text: slot.processed.text, state: slot.state,
                   tokensPerSecond: slot.tokensPerSecond)
    }

    // MARK: - Log records

    private func record(_ event: FeedbackRecord.Event, request: Int) -> FeedbackRecord {
        FeedbackRecord(event: event, session: session, request: request, time: Self.timestamp())
    }

    private func requestRecord(id: Int, prompt: BuiltPrompt, ask: SuggestionAsk, sampling: SamplingOptions) -> FeedbackRecord {
        var record = record(.request, request: id)
        let name = backend.displayName
        // Backends label themselves "kind · model".
        let parts = name.components(separatedBy: " · ")
        record.backend = parts[0]
        record.model = parts.count > 1 ? parts.dropFirst().joined(separator: " · ") : nil
        record.sampling = FeedbackRecord.Sampling(
            temperature: sampling.temperature, topP: sampling.topP, seed: baseSeed, maxTokens: settings.maxTokens,
            logitBias: sampling.logitBias.isEmpty ? nil
                : Dictionary(uniqueKeysWithValues: sampling.logitBias.map { (String($0.key), ($0.value * 1000).rounded() / 1000) }))
        record.contextHash = ContextHash.of(prompt.text)
        record.prompt = prompt.text
        record.promptTokens = prompt.tokenCount
        record.direction = ask.direction
        if case .dialogue(let character) = ask.element { record.element = "dialogue:\(character)" }
        if ask.element == .action { record.element = "action" }
        return record
    }

    private func candidateRecord(request: Int, index: Int, slot: CandidateSlot) -> FeedbackRecord {
        var record = record(.candidate, request: request)
        record.index = index
        record.attempt = slot.attempt
        record.text = slot.processed.text
        switch slot.state {
        case .done(let reason): record.finish = reason.rawValue
        case .stopped: record.finish = "stopped"
        case .failed(let message): record.finish = "failed: \(message)"
        case .queued, .streaming: break
        }
        record.tokens = slot.tokens
        record.ttftMs = slot.timeToFirstToken.map(Self.milliseconds)
        record.totalMs = Self.milliseconds(.now - slot.started)
        record.repairs = slot.processed.repairs.isEmpty ? nil : Array(Set(slot.processed.repairs)).sorted()
        record.dropped = slot.dropped
        record.stoppedAlone = slot.stoppedAlone ? true : nil
        return record
    }

    private func outcomeRecord(request: Int, index: Int, slot: CandidateSlot, outcome: SuggestionOutcome) -> FeedbackRecord {
        var record = record(.outcome, request: request)
        record.index = index
        record.attempt = slot.attempt
        record.text = slot.processed.text
        record.outcome = outcome.logName
        if case .acceptedPart(let part) = outcome { record.part = part }
        if case .edited(let final) = outcome { record.final = final }
        return record
    }

    static func milliseconds(_ duration: Duration) -> Double {
        (duration.secondsDouble * 1000 * 10).rounded() / 10
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}

extension SuggestionCoordinator {
    struct RequestState: Sendable {
        let id: SuggestionRequestID
        var slots: [CandidateSlot]
        let update: UpdateHandler
        /// Set once the prompt is built (off the caller's thread).
        var prepared: Prepared?
        var runs: [Int: Run] = [:]
    }

    /// One backend stream feeding `slots` (candidate i of the stream feeds `slots[i]`).
    struct Run: Sendable {
        let stream: CandidateEventStream
        let slots: [Int]
        /// The task reading the stream (set right after the run is registered).
        var task: Task<Void, Never>?
    }

    /// A request's prompt, post-processing and the backend request every run starts from.
    struct Prepared: Sendable {
        let prompt: BuiltPrompt
        let processor: CandidatePostProcessor
        let base: ContinuationRequest
    }

    struct State: Sendable {
        var nextRequest = 1
        var nextRun = 1
        var current: SuggestionRequestID?
        var requests: [SuggestionRequestID: RequestState] = [:]
        var steering: Steering
        var decided = 0
        var kept = 0
    }
}

extension Duration {
    var secondsDouble: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
