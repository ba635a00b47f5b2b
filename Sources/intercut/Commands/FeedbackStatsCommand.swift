import ArgumentParser
import Assistant
import Foundation

/// `intercut feedback stats FILE [--json]`.
struct FeedbackStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count requests, candidates and decisions (e.g. intercut feedback stats script.fountain).",
        discussion: """
            Rates are over shown candidates; the acceptance rate is kept (accepted, partly accepted, edited) \
            over decided (all but ignored). --json: {"requests","candidates","dropped","accepted",\
            "accepted_part","edited","rejected","ignored","acceptance_rate","accepted_rate","edited_rate",\
            "rejected_rate"} (rates null when undefined).
            """
    )

    @Argument(help: "The script whose feedback log to read.")
    var file: String

    @Flag(help: "Print JSON instead of readable text.")
    var json = false

    func run() throws {
        let stats = FeedbackStatistics(FeedbackCommand.read(script: file))
        FileHandle.standardOutput.write(Data((json ? Self.json(stats) : Self.text(stats)).utf8))
    }

    static func json(_ s: FeedbackStatistics) -> String {
        let object: [String: Any] = [
            "requests": s.requests, "candidates": s.candidates, "dropped": s.dropped,
            "accepted": s.accepted, "accepted_part": s.acceptedPart, "edited": s.edited,
            "rejected": s.rejected, "ignored": s.ignored,
            "acceptance_rate": s.acceptanceRate ?? NSNull(),
            "accepted_rate": s.rate(s.accepted + s.acceptedPart) ?? NSNull(),
            "edited_rate": s.rate(s.edited) ?? NSNull(),
            "rejected_rate": s.rate(s.rejected) ?? NSNull(),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func text(_ s: FeedbackStatistics) -> String {
        func percent(_ rate: Double?) -> String { rate.map { String(format: "%.0f%%", $0 * 100) } ?? "–" }
        return """
            Requests:    \(s.requests)
            Candidates:  \(s.candidates) shown, \(s.dropped) dropped
            Accepted:    \(s.accepted + s.acceptedPart) (\(s.acceptedPart) in part)  \(percent(s.rate(s.accepted + s.acceptedPart)))
            Edited:      \(s.edited)  \(percent(s.rate(s.edited)))
            Rejected:    \(s.rejected)  \(percent(s.rate(s.rejected)))
            Ignored:     \(s.ignored)
            Acceptance:  \(percent(s.acceptanceRate)) of decided

            """
    }
}
