/// A deterministic backend for timing and fault tests: each candidate plays
/// a script of tokens with set delays, then ends as the script says.
///
/// Stop rules apply exactly as for real backends (stop sequences, max
/// tokens, time limit), and cancellation stops it at once (so does
/// stopping one candidate, for that candidate). Candidate `i`
/// plays `scripts[i % scripts.count]`.
public struct ScriptedBackend: ContinuationBackend {
    /// One candidate's script.
    public struct Script: Sendable, Equatable {
        /// A token's text and the delay before it arrives.
        public struct Token: Sendable, Equatable {
            public var text: String
            public var delay: Duration
            public init(_ text: String, after delay: Duration = .zero) {
                self.text = text
                self.delay = delay
            }
        }

        /// How the script ends once its tokens are played.
        public enum Ending: Sendable, Equatable {
            /// End of text, after the given delay.
            case finish(after: Duration)
            /// A failure with this message, after the given delay.
            case fail(String, after: Duration)
            /// Never end (until stopped, a time limit or max tokens).
            case hang
        }

        public var delayBeforeStreaming: Duration
        public var tokens: [Token]
        public var ending: Ending

        public init(delayBeforeStreaming: Duration = .zero, tokens: [Token], ending: Ending = .finish(after: .zero)) {
            self.delayBeforeStreaming = delayBeforeStreaming
            self.tokens = tokens
            self.ending = ending
        }

        /// Tokens that each arrive `interval` after the previous one.
        public init(tokens: [String], interval: Duration, ending: Ending = .finish(after: .zero)) {
            self.init(tokens: tokens.map { Token($0, after: interval) }, ending: ending)
        }
    }

    public let scripts: [Script]
    public var displayName: String { "scripted" }

    public init(scripts: [Script]) {
        precondition(!scripts.isEmpty, "ScriptedBackend needs at least one script")
        self.scripts = scripts
    }

    public func continuations(of request: ContinuationRequest) -> CandidateEventStream {
        let scripts = self.scripts
        return CandidateStreamRunner.stream(
            candidateCount: request.candidateCount, timeLimit: request.stop.timeLimit
        ) { sink in
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<request.candidateCount {
                    group.addTask {
                        // Its own task, so stopping this candidate cancels only its script.
                        await sink.serve([index]) {
                            await Self.play(scripts[index % scripts.count], as: index, rules: request.stop, into: sink)
                        }
                    }
                }
            }
        }
    }

    private static func play(_ script: Script, as index: Int, rules: StopRules, into sink: CandidateEventSink) async {
        var meter = CandidateMeter(rules: rules)
        do {
            try await Task.sleep(for: script.delayBeforeStreaming)
            sink.state(index, .streaming)
            for token in script.tokens {
                try await Task.sleep(for: token.delay)
                let (text, finish) = meter.accept(token.text)
                sink.text(index, text)
                sink.progress(index, meter.progress)
                if let finish {
                    sink.state(index, .done(finish))
                    return
                }
            }
            switch script.ending {
            case .finish(let delay):
                try await Task.sleep(for: delay)
                sink.text(index, meter.flush())
                sink.state(index, .done(.stop))
            case .fail(let message, let delay):
                try await Task.sleep(for: delay)
                sink.state(index, .failed(message))
            case .hang:
                while true { try await Task.sleep(for: .seconds(3600)) }
            }
        } catch {
            sink.state(index, .stopped)
        }
    }
}
