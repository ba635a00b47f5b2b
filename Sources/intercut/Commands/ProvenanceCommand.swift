import ArgumentParser
import Foundation
import Provenance

/// `intercut provenance FILE [--json|--markdown]`: lines and words by
/// origin (human, AI, AI-edited), per scene and in total.
struct ProvenanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provenance",
        abstract: "Report who wrote the script: lines and words by origin, per scene and in total (e.g. intercut provenance script.fountain).",
        discussion: """
            Origins come from the sidecar the editor keeps beside the script \
            (.<name>.intercut/provenance.json, see docs/PROVENANCE.md); without one every line is human. \
            A script edited outside Intercut is re-anchored (changed AI lines count as AI-edited) with a \
            warning; a corrupt sidecar is an error. Printed text only counts (no title page, notes, \
            boneyard, sections or synopses). A line is AI when all its text is AI, AI-edited when it has \
            AI text the writer changed or mixed with their own, else human; words likewise.
            --json: {"total":{"lines","words","ai_lines","ai_words","ai_edited_lines","ai_edited_words",\
            "human_lines","human_words"},"scenes":[{"heading","line",…same counts}],"sidecar"}.

            Examples:
              intercut provenance examples/the-quiet-dial.fountain
              intercut provenance draft.fountain --json | jq .total
              intercut provenance draft.fountain --markdown > DISCLOSURE.md
            """
    )

    @Argument(help: "The Fountain script (its sidecar is read from beside it).")
    var file: String

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Flag(name: .long, help: "Print a Markdown table.")
    var markdown = false

    @Flag(name: .long, help: "Replace invalid UTF-8 (with a warning) instead of failing.")
    var lossy = false

    func validate() throws {
        if json && markdown { throw ValidationError("choose one of --json and --markdown") }
    }

    func run() throws {
        let loaded = ScriptProvenance.load(file, lossy: lossy)
        let report = ProvenanceReport(document: loaded.document, origins: loaded.origins)
        let output: String
        if json {
            output = ProvenanceTable.json(report, sidecar: loaded.sidecarPath)
        } else if markdown {
            output = ProvenanceTable.markdown(report, name: (file as NSString).lastPathComponent)
        } else {
            output = ProvenanceTable.text(report, name: file, sidecar: loaded.sidecarPath)
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
