import Foundation

/// Preference data from a feedback log in the formats TRL reads (one JSON
/// object per line, "standard" not conversational format).
///
/// - DPO (`prompt`, `chosen`, `rejected`): within one request, every kept
///   text — an accepted candidate, the accepted part of one, or an edited
///   final text — against every rejected candidate; and every edited final
///   text against the candidate it was edited from. Pairs whose texts are
///   the same after normalization are left out.
/// - KTO (`prompt`, `completion`, `label`): accepted, accepted parts and
///   edited finals `true`; rejected candidates and the originals of edited
///   ones `false`. Ignored candidates are no signal and are left out.
///
/// The prompt is the exact text the backend continued; completions are the
/// exact text the candidate added after it.
public enum PreferenceExport {
    public enum Format: String, Sendable, CaseIterable {
        case dpo, kto
    }

    /// The export as JSONL lines (without newlines).
    public static func lines(_ log: FeedbackReader, format: Format) -> [String] {
        var out: [String] = []
        for (_, request) in log.requests {
            guard let prompt = request.prompt else { continue }
            var kept: [String] = []
            var rejected: [String] = []
            var edits: [(final: String, original: String)] = []
            for slot in request.order {
                guard let record = request.outcomes[slot], let text = record.text else { continue }
                switch record.outcome {
                case "accepted": kept.append(text)
                case "accepted_part": if let part = record.part { kept.append(part) }
                case "edited":
                    if let final = record.final {
                        kept.append(final)
                        edits.append((final, text))
                    }
                case "rejected": rejected.append(text)
                default: break
                }
            }
            switch format {
            case .dpo:
                var pairs: [(String, String)] = []
                for chosen in kept { for loser in rejected { pairs.append((chosen, loser)) } }
                pairs += edits.map { ($0.final, $0.original) }
                var seen = Set<[String]>()
                for (chosen, loser) in pairs where NormalizedText.key(chosen) != NormalizedText.key(loser) {
                    guard seen.insert([chosen, loser]).inserted else { continue }
                    out.append(json(["prompt": prompt, "chosen": chosen, "rejected": loser]))
                }
            case .kto:
                var items: [(String, Bool)] = kept.map { ($0, true) }
                items += edits.map { ($0.original, false) }
                items += rejected.map { ($0, false) }
                for (completion, label) in items {
                    out.append(json(["prompt": prompt, "completion": completion, "label": label]))
                }
            }
        }
        return out
    }

    private static func json(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
