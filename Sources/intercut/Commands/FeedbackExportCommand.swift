import ArgumentParser
import Assistant
import Foundation

/// `intercut feedback export FILE --format dpo|kto [-o OUT]`.
struct FeedbackExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write preference data for fine-tuning (e.g. intercut feedback export script.fountain --format dpo).",
        discussion: """
            TRL-compatible JSONL. dpo: {"prompt","chosen","rejected"} from kept (accepted, partly accepted, \
            edited) versus rejected candidates of one request, and from edited text versus the original. \
            kto: {"prompt","completion","label"}.
            """
    )

    @Argument(help: "The script whose feedback log to read.")
    var file: String

    @Option(help: "dpo or kto.")
    var format: PreferenceExport.Format

    @Option(name: [.short, .customLong("output")], help: "Output file (default: standard output).")
    var output: String?

    func run() throws {
        let reader = FeedbackCommand.read(script: file)
        let lines = PreferenceExport.lines(reader, format: format)
        OutputFile.write(Array(lines.map { $0 + "\n" }.joined().utf8), to: output)
    }
}

extension PreferenceExport.Format: ExpressibleByArgument {}
