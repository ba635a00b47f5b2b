/// One line of `feedback.jsonl` (format in docs/FEEDBACK.md). Fields that do
/// not apply to an event are left out of the line.
struct FeedbackRecord: Codable, Sendable, Equatable {
    /// The three events.
    enum Event: String, Codable, Sendable {
        /// A request started: its prompt and settings.
        case request
        /// A candidate ended (generated, stopped, failed or dropped).
        case candidate
        /// The writer's decision on a shown candidate.
        case outcome
    }

    var event: Event
    /// Random per coordinator (one editing session); with `request`, the
    /// key of a request across sessions sharing the log.
    var session: String
    var request: Int
    /// ISO 8601, UTC, milliseconds.
    var time: String

    // request
    var backend: String?
    var model: String?
    var sampling: Sampling?
    /// FNV-1a 64 of the prompt, hex: equal prompts, equal hashes.
    var contextHash: String?
    var prompt: String?
    var promptTokens: Int?
    var direction: String?
    var element: String?

    // candidate and outcome
    var index: Int?
    /// 0 for the first candidate of a slot, then 1, 2… for refills.
    var attempt: Int?
    var text: String?
    var finish: String?
    var tokens: Int?
    var ttftMs: Double?
    var totalMs: Double?
    var repairs: [String]?
    var dropped: String?
    /// True when the writer stopped this candidate alone (the others went on).
    var stoppedAlone: Bool?

    // outcome
    var outcome: String?
    var part: String?
    var final: String?

    /// Sampling settings of a request, bias included (token id → bias).
    struct Sampling: Codable, Sendable, Equatable {
        var temperature: Double?
        var topP: Double?
        var seed: Int?
        var maxTokens: Int
        var logitBias: [String: Double]?

        enum CodingKeys: String, CodingKey {
            case temperature, seed
            case topP = "top_p"
            case maxTokens = "max_tokens"
            case logitBias = "logit_bias"
        }
    }

    enum CodingKeys: String, CodingKey {
        case event, session, request, time, backend, model, sampling, prompt, direction, element
        case index, attempt, text, finish, tokens, repairs, dropped, outcome, part, final
        case contextHash = "context_hash"
        case promptTokens = "prompt_tokens"
        case ttftMs = "ttft_ms"
        case totalMs = "total_ms"
        case stoppedAlone = "stopped_alone"
    }

    init(event: Event, session: String, request: Int, time: String) {
        self.event = event
        self.session = session
        self.request = request
        self.time = time
    }
}

extension SuggestionOutcome {
    /// The `outcome` value in the log.
    var logName: String {
        switch self {
        case .accepted: "accepted"
        case .acceptedPart: "accepted_part"
        case .edited: "edited"
        case .rejected: "rejected"
        case .ignored: "ignored"
        }
    }
}
