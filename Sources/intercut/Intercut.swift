import ArgumentParser

/// The `intercut` command: the editor when given a file (or none), and the
/// headless subcommands for everything that is not interactive.
@main
struct Intercut: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intercut",
        abstract: "A terminal screenwriting assistant for Fountain screenplays.",
        version: "0.1.0",
        subcommands: [
            EditCommand.self,
            ParseCommand.self, StatsCommand.self, ExportCommand.self, ImportCommand.self,
            ModelCommand.self, ContinueCommand.self, BenchCommand.self,
            BackendsCommand.self, SuggestionBenchCommand.self,
            ProvenanceCommand.self,
            FeedbackCommand.self,
        ],
        defaultSubcommand: EditCommand.self
    )
}
