import ArgumentParser
import Foundation
import Inference

/// `intercut model tokenize`: the token ids the embedded engine would feed the model.
struct ModelTokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Print the token ids of TEXT (or of stdin with -) as the engine encodes them.",
        discussion: "Ids are printed space-separated on one line. With --json: {\"ids\":[…],\"pieces\":[…]}, one piece per id (special tokens shown as their text, byte tokens as <0xXX>)."
    )

    @Argument(help: ArgumentHelp("Text to tokenize, or - to read stdin.", valueName: "text|-"))
    var text: String

    @Flag(help: "Print JSON with each token's piece.")
    var json = false

    @Flag(name: .customLong("no-bos"), help: "Do not prepend the BOS token.")
    var noBOS = false

    @Flag(name: .customLong("parse-special"), help: "Treat special-token text such as <start_of_turn> as that token.")
    var parseSpecial = false

    @OptionGroup var model: ModelOptions

    func run() throws {
        let input: String
        if text == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let s = String(data: data, encoding: .utf8) else { throw InputError() }
            input = s
        } else {
            input = text
        }
        let tokenizer = try SentencePieceTokenizer(gguf: try model.open())
        let ids = tokenizer.encode(input, addBOS: !noBOS, parseSpecial: parseSpecial)
        if json {
            // Byte tokens show their name (<0xF0>): one byte alone is not text.
            let vocabulary = tokenizer.vocabulary
            let pieces = ids.map { id in
                vocabulary.kind(of: id) == .byte
                    ? vocabulary.text(of: id)
                    : String(decoding: tokenizer.pieceBytes(id, renderSpecial: true), as: UTF8.self)
            }
            struct Output: Encodable { let ids: [Int32]; let pieces: [String] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(Output(ids: ids, pieces: pieces)), as: UTF8.self))
        } else {
            print(ids.map(String.init).joined(separator: " "))
        }
    }
}

private struct InputError: Error, CustomStringConvertible {
    var description: String { "stdin is not valid UTF-8" }
}
