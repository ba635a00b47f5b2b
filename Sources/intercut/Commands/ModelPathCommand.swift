import ArgumentParser
import Inference

/// `intercut model path`: the model file commands would load.
struct ModelPathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Print the path of the model file (from --model, INTERCUT_MODEL, or the installed default).",
        discussion: "Exits non-zero, with a hint, when no model file exists there."
    )

    @OptionGroup var model: ModelOptions

    func run() throws {
        print(try model.locate().path)
    }
}
