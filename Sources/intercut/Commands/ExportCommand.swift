import ArgumentParser
import Foundation
import Fountain

/// `intercut export FILE --to fountain|fdx|html|txt [-o OUT] [--normalize]`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a screenplay as Fountain, Final Draft FDX, HTML or paged text (e.g. intercut export script.fountain --to fdx -o script.fdx).",
        discussion: """
            fountain writes the file's bytes unchanged (--normalize: canonical blank lines and forcing \
            markers only where needed); fdx writes Final Draft XML; html a standalone page with screenplay \
            CSS; txt the script laid out in page columns as on paper (--paper letter|a4). No -o, or -o -, \
            writes standard output; FILE may be - for standard input.

            Examples:
              intercut export examples/returns-desk.fountain --to fdx -o returns-desk.fdx
              intercut export examples/orbit-song.fountain --to txt | less
              intercut export - --to fountain --normalize < draft.fountain
            """
    )

    /// The formats `--to` accepts.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case fountain, fdx, html, txt
    }

    @Argument(help: "The Fountain file to read, or - for standard input.")
    var file: String

    @Option(name: .long, help: "The format to write: fountain, fdx, html or txt.")
    var to: String

    @Option(name: .shortAndLong, help: "Where to write (default, or -: standard output).")
    var output: String?

    @Flag(name: .long, help: "With --to fountain: write normalized Fountain instead of the bytes as read.")
    var normalize = false

    @Option(name: .long, help: "Paper for --to txt: letter or a4.")
    var paper: PaperSize = .letter

    @Flag(name: .long, help: "Replace invalid UTF-8 (with a warning) instead of failing.")
    var lossy = false

    func validate() throws {
        guard let format = Format(rawValue: to.lowercased()) else {
            throw ValidationError("unknown format '\(to)' for --to (choose fountain, fdx, html or txt)")
        }
        if normalize && format != .fountain {
            throw ValidationError("--normalize applies only to --to fountain")
        }
    }

    func run() throws {
        let format = Format(rawValue: to.lowercased())!
        let document = InputFile.document(file, lossy: lossy)
        let bytes: [UInt8]
        switch format {
        case .fountain:
            bytes = normalize ? Array(document.normalized().utf8) : document.bytes
        case .fdx:
            bytes = Array(FDXExporter.render(document).utf8)
        case .html:
            bytes = Array(HTMLExporter.render(document).utf8)
        case .txt:
            bytes = Array(PlainTextExporter.render(document.layout(paper: paper)).utf8)
        }
        OutputFile.write(bytes, to: output)
    }
}
