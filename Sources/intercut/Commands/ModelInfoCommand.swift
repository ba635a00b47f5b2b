import ArgumentParser
import Foundation
import Inference

/// `intercut model info`: what a GGUF file holds, read by the engine's own reader.
struct ModelInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a GGUF model: architecture, sizes, vocabulary, parameters and tensor types."
    )

    @Argument(help: ArgumentHelp("GGUF file (default: the resolved model, see `intercut model path`).", valueName: "path"))
    var file: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var model: ModelOptions

    func run() throws {
        let path = try file ?? model.locate().path
        let gguf = try ModelFileOpener.open(path)
        let info = ModelSummary(gguf, path: path)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(info), as: UTF8.self))
        } else {
            print(info.text)
        }
    }
}
