import ArgumentParser
import Foundation
import Fountain

/// `intercut parse FILE [--json]`: the parsed screenplay as an outline or
/// as JSON for other tools.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse a Fountain screenplay and print its elements (e.g. intercut parse script.fountain --json).",
        discussion: """
            Prints the title page and every element with its 1-based source line. With --json the \
            output is {"title_page":[{"key","value"}], "elements":[{"type","text","line",…}]}; type is one \
            of scene_heading (+scene_number), action, character (+name, +extension, +dual), parenthetical, \
            dialogue, transition, centered, lyrics, page_break, section (+depth), synopsis, note.

            Examples:
              intercut parse examples/short.fountain
              cat script.fountain | intercut parse - --json
            """
    )

    @Argument(help: "The Fountain file to read, or - for standard input.")
    var file: String

    @Flag(name: .long, help: "Print JSON instead of a readable outline.")
    var json = false

    @Flag(name: .long, help: "Replace invalid UTF-8 and drop binary bytes (with a warning) instead of failing.")
    var lossy = false

    func run() throws {
        let document: FountainDocument
        do {
            let bytes = try InputFile.read(file)
            document = try FountainDocument(bytes: bytes, decoding: lossy ? .lossy : .strict)
        } catch let error as FountainDecodingError {
            InputFile.fail("\(InputFile.displayName(file)): \(error) (use --lossy to read it anyway)")
        } catch let error as InputFile.ReadError {
            InputFile.fail(error.message)
        }
        for w in document.warnings {
            FileHandle.standardError.write(Data("intercut: warning: \(InputFile.displayName(file)): \(w)\n".utf8))
        }
        let output = json ? ParseJSON.render(document) : ParseOutline.render(document)
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
