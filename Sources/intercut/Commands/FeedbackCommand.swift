import ArgumentParser
import Assistant
import Foundation

/// `intercut feedback …`: the suggestion feedback log of a script.
struct FeedbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Export or count suggestion feedback (e.g. intercut feedback stats script.fountain).",
        discussion: """
            The log of a script is <dir>/.<name>.intercut/feedback.jsonl (see docs/FEEDBACK.md).

            Examples:
              intercut feedback stats heist.fountain --json
              intercut feedback export heist.fountain --format dpo -o heist-dpo.jsonl
            """,
        subcommands: [FeedbackExportCommand.self, FeedbackStatsCommand.self]
    )

    /// The log next to `script`, read; malformed lines are counted in a
    /// warning on standard error. Exits 1 with one line if there is no log.
    static func read(script: String) -> FeedbackReader {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: script, isDirectory: &isDirectory), isDirectory.boolValue {
            InputFile.fail("\(script): is a directory")
        }
        let url = FeedbackLocation.log(forScript: script)
        guard FileManager.default.fileExists(atPath: url.path) else {
            InputFile.fail("\(script): no feedback log (expected \(url.path))")
        }
        let reader: FeedbackReader
        do {
            reader = try FeedbackReader(contentsOf: url)
        } catch {
            InputFile.fail("\(error)")
        }
        if reader.skippedLines > 0 {
            let lines = reader.skippedLines == 1 ? "line" : "lines"
            FileHandle.standardError.write(Data(
                "intercut: warning: skipped \(reader.skippedLines) malformed \(lines) in \(url.path)\n".utf8))
        }
        return reader
    }
}
