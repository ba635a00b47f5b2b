import ArgumentParser

/// `intercut model …`: fetch, locate, inspect the embedded model and run its tokenizer.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Install, locate and inspect the GGUF model the embedded engine runs (e.g. intercut model install).",
        subcommands: [ModelInstallCommand.self, ModelPathCommand.self, ModelInfoCommand.self, ModelTokenizeCommand.self]
    )
}
