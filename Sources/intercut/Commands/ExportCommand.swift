import ArgumentParser
import Foundation
import Fountain
import Provenance

/// `intercut export FILE --to fountain|fdx|html|txt|pdf [-o OUT] [--normalize]
/// [--paper letter|a4] [--scene-numbers] [--notes]`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a screenplay as Fountain, Final Draft FDX, HTML, paged text or PDF (e.g. intercut export script.fountain --to pdf -o script.pdf).",
        discussion: """
            fountain writes the file's bytes unchanged (--normalize: canonical blank lines and forcing \
            markers only where needed); fdx writes Final Draft XML; html a standalone page with screenplay \
            CSS; txt the script laid out in page columns as on paper (--paper letter|a4); pdf the \
            industry-layout PDF (Courier 12 pt, title page, (MORE)/(CONT'D), --paper letter|a4, \
            --scene-numbers in both margins, --notes to print [[notes]]). No -o, or -o -, \
            writes standard output; FILE may be - for standard input. --annotate-ai (with --to fountain) \
            adds [[AI]] / [[AI-edited]] notes to the lines the provenance sidecar marks (see \
            docs/PROVENANCE.md for where each note goes); without it the export is clean.

            Examples:
              intercut export examples/returns-desk.fountain --to fdx -o returns-desk.fdx
              intercut export examples/orbit-song.fountain --to txt | less
              intercut export examples/the-quiet-dial.fountain --to pdf --paper a4 --scene-numbers -o dial.pdf
              intercut export - --to fountain --normalize < draft.fountain
              intercut export draft.fountain --to fountain --annotate-ai -o draft-annotated.fountain
            """
    )

    /// The formats `--to` accepts.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case fountain, fdx, html, txt, pdf
    }

    @Argument(help: "The Fountain file to read, or - for standard input.")
    var file: String

    @Option(name: .long, help: "The format to write: fountain, fdx, html, txt or pdf.")
    var to: String

    @Option(name: .shortAndLong, help: "Where to write (default, or -: standard output).")
    var output: String?

    @Flag(name: .long, help: "With --to fountain: write normalized Fountain instead of the bytes as read.")
    var normalize = false

    @Option(name: .long, help: "Paper for --to txt and pdf: letter or a4.")
    var paper: PaperSize = .letter

    @Flag(name: .long, help: "With --to pdf: print scene numbers in both margins.")
    var sceneNumbers = false

    @Flag(name: .long, help: "With --to txt or pdf: print [[notes]] (hidden by default).")
    var notes = false

    @Flag(name: .long, help: "With --to fountain: mark AI lines with [[AI]] / [[AI-edited]] notes (from the provenance sidecar).")
    var annotateAi = false

    @Flag(name: .long, help: "Replace invalid UTF-8 (with a warning) instead of failing.")
    var lossy = false

    func validate() throws {
        guard let format = Format(rawValue: to.lowercased()) else {
            throw ValidationError("unknown format '\(to)' for --to (choose fountain, fdx, html, txt or pdf)")
        }
        if sceneNumbers && format != .pdf {
            throw ValidationError("--scene-numbers applies only to --to pdf")
        }
        if notes && format != .pdf && format != .txt {
            throw ValidationError("--notes applies only to --to txt or pdf")
        }
        if format == .pdf && (output == nil || output == "-") && isatty(STDOUT_FILENO) == 1 {
            throw ValidationError("refusing to write a PDF to the terminal; use -o FILE.pdf or a pipe")
        }
        if normalize && format != .fountain {
            throw ValidationError("--normalize applies only to --to fountain")
        }
        if annotateAi && format != .fountain {
            throw ValidationError("--annotate-ai applies only to --to fountain")
        }
        if annotateAi && normalize {
            throw ValidationError("--annotate-ai keeps the bytes as read; it cannot be combined with --normalize")
        }
    }

    func run() throws {
        let format = Format(rawValue: to.lowercased())!
        if annotateAi {
            let loaded = ScriptProvenance.load(file, lossy: lossy)
            return OutputFile.write(AIAnnotator.annotate(loaded.document, origins: loaded.origins), to: output)
        }
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
            bytes = Array(PlainTextExporter.render(document.layout(paper: paper, notes: notes)).utf8)
        case .pdf:
            let pdf = document.pdf(paper: paper, notes: notes, sceneNumbers: sceneNumbers)
            for warning in pdf.warnings {
                FileHandle.standardError.write(Data("intercut: warning: \(InputFile.displayName(file)): \(warning)\n".utf8))
            }
            bytes = pdf.data
        }
        OutputFile.write(bytes, to: output)
    }
}
