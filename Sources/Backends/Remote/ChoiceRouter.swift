/// Routes the events of one streamed reply to the candidates it serves, and
/// notices a server that ignored `n > 1`.
///
/// Choice `i` of the reply is candidate `candidates[i]`. When the reply was
/// asked for several choices but choice 0 has streamed a while (or ended)
/// with no other index in sight, the server is taken to ignore `n`: the
/// other candidates are handed off (``onChoicesIgnored`` starts separate
/// requests for them) and any late events for them here are dropped.
struct ChoiceRouter {
    /// How many chunks of choice 0 alone mean "the server ignores n".
    static let soloChunksBeforeFallback = 8

    let candidates: [Int]
    let sink: CandidateEventSink
    let onChoicesIgnored: (@Sendable () -> Void)?
    private var meters: [CandidateMeter]
    private var finished: [Bool]
    private var sawOtherChoice = false
    private var handedOff = false
    private(set) var sawEndOfStream = false

    init(candidates: [Int], rules: StopRules, started: ContinuousClock.Instant, sink: CandidateEventSink,
         onChoicesIgnored: (@Sendable () -> Void)?) {
        self.candidates = candidates
        self.sink = sink
        self.onChoicesIgnored = candidates.count > 1 ? onChoicesIgnored : nil
        meters = candidates.map { _ in CandidateMeter(rules: rules, started: started) }
        finished = candidates.map { _ in false }
    }

    /// True once every candidate this reply serves is final (or handed off):
    /// the reply can be closed.
    var isComplete: Bool { finished.allSatisfy { $0 } }

    var openCandidates: [Int] {
        zip(candidates, finished).filter { !$0.1 }.map(\.0)
    }

    /// Applies `event`; `flush(choice)` returns text a decoder still holds for a choice.
    mutating func handle(_ event: WireEvent, flush: (Int) -> String) {
        switch event {
        case .text(let choice, _, _), .finish(let choice, _):
            if choice > 0 && !handedOff { sawOtherChoice = true }
        case .failure, .endOfStream:
            break
        }
        switch event {
        case .text(let choice, let text, let tokens):
            guard let slot = openSlot(choice) else { return }
            let (delivered, finish) = meters[slot].accept(text, tokenCount: tokens)
            // Past max tokens, text a decoder held still belongs to the
            // candidate; past a stop sequence, it does not.
            let held = finish == .length ? meters[slot].drain(flush(choice)) : ""
            sink.text(candidates[slot], delivered + held)
            sink.progress(candidates[slot], meters[slot].progress)
            if let finish { end(slot, .done(finish)) }
            checkForIgnoredChoices(choiceFinished: false)
        case .finish(let choice, let reason):
            guard let slot = openSlot(choice) else { return }
            sink.text(candidates[slot], meters[slot].drain(flush(choice)))
            end(slot, .done(reason))
            checkForIgnoredChoices(choiceFinished: true)
        case .failure(let message):
            for slot in finished.indices where !finished[slot] {
                end(slot, .failed(message))
            }
        case .endOfStream:
            sawEndOfStream = true
            checkForIgnoredChoices(choiceFinished: true)
            for slot in finished.indices where !finished[slot] {
                sink.text(candidates[slot], meters[slot].drain(flush(slot)))
                end(slot, .done(.stop))
            }
        }
    }

    /// Marks every open candidate `state` (a final state).
    mutating func endAll(_ state: CandidateState) {
        for slot in finished.indices where !finished[slot] { end(slot, state) }
    }

    private func openSlot(_ choice: Int) -> Int? {
        guard choice >= 0, choice < candidates.count, !finished[choice] else { return nil }
        if choice > 0 && handedOff { return nil }
        return choice
    }

    private mutating func end(_ slot: Int, _ state: CandidateState) {
        finished[slot] = true
        sink.state(candidates[slot], state)
    }

    private mutating func checkForIgnoredChoices(choiceFinished: Bool) {
        guard let onChoicesIgnored, !handedOff, !sawOtherChoice else { return }
        guard choiceFinished || meters[0].tokens >= Self.soloChunksBeforeFallback else { return }
        handedOff = true
        for slot in finished.indices.dropFirst() { finished[slot] = true }
        onChoicesIgnored()
    }
}
