import ArgumentParser
import Inference

/// `--model PATH`, shared by every command that loads the embedded model.
/// Resolution order: --model, INTERCUT_MODEL, the installed default model.
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("model"), help: ArgumentHelp(
        "GGUF model file (default: $INTERCUT_MODEL, else the model `intercut model install` fetched).",
        valueName: "path"))
    var path: String?

    /// The model file to use; throws a one-line error saying how to get one.
    func locate() throws -> ModelLocator.Resolution {
        try ModelLocator.locate(explicitPath: path)
    }

    /// Opens and validates the model file.
    func open() throws -> GGUFFile {
        try ModelFileOpener.open(try locate().path)
    }
}
