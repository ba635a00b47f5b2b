/// Counts over a feedback log, for `intercut feedback stats`.
public struct FeedbackStatistics: Sendable, Equatable {
    public var requests = 0
    /// Candidates shown to the writer (generated and not dropped).
    public var candidates = 0
    /// Candidates hidden as duplicates, repeats of rejected lines or empty.
    public var dropped = 0
    public var accepted = 0
    public var acceptedPart = 0
    public var edited = 0
    public var rejected = 0
    public var ignored = 0

    public init(_ log: FeedbackReader) {
        var shown = Set<String>()
        for record in log.records {
            switch record.event {
            case .request:
                requests += 1
            case .candidate:
                if record.dropped != nil {
                    dropped += 1
                } else if !(record.text ?? "").isEmpty {
                    shown.insert("\(record.session)/\(record.request)/\(record.index ?? 0)/\(record.attempt ?? 0)")
                }
            case .outcome:
                break
            }
        }
        candidates = shown.count
        for (_, request) in log.requests {
            for slot in request.order {
                switch request.outcomes[slot]?.outcome {
                case "accepted": accepted += 1
                case "accepted_part": acceptedPart += 1
                case "edited": edited += 1
                case "rejected": rejected += 1
                case "ignored": ignored += 1
                default: break
                }
            }
        }
    }

    /// Decisions: everything but ignored.
    public var decided: Int { accepted + acceptedPart + edited + rejected }

    /// Kept something (whole, part or edited) over decided; nil without decisions.
    public var acceptanceRate: Double? { decided > 0 ? Double(accepted + acceptedPart + edited) / Double(decided) : nil }

    /// `count` over shown candidates; nil when none were shown.
    public func rate(_ count: Int) -> Double? { candidates > 0 ? Double(count) / Double(candidates) : nil }
}
