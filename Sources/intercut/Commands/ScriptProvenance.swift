import Foundation
import Fountain
import Provenance

/// A script read with its provenance sidecar, for `provenance` and
/// `export --annotate-ai`. No sidecar: every line is human. A sidecar that
/// cannot be read is an error (exit 1), never "all human": a disclosure
/// report must not understate AI text because a file is broken. A script
/// changed since its sidecar was written is re-anchored as the editor does,
/// with a warning on stderr.
struct ScriptProvenance {
    var document: FountainDocument
    var origins: ScriptOrigins
    /// The sidecar read, nil when there is none.
    var sidecarPath: String?

    static func load(_ path: String, lossy: Bool) -> ScriptProvenance {
        guard path != "-" else {
            InputFile.fail("provenance needs the script's path, not standard input: its sidecar sits beside it")
        }
        let document = InputFile.document(path, lossy: lossy)
        let lines = document.source.lines
        let sidecarPath = ProvenanceSidecar.path(forScript: path)
        guard let data = FileManager.default.contents(atPath: sidecarPath) else {
            return ScriptProvenance(document: document, origins: ScriptOrigins(lineCount: lines.count), sidecarPath: nil)
        }
        let sidecar: ProvenanceSidecar
        do {
            sidecar = try ProvenanceSidecar(data: data)
        } catch {
            InputFile.fail("\(sidecarPath): \(error)")
        }
        let result = sidecar.origins(for: lines)
        if !result.isExact, sidecar.hasMachineText {
            FileHandle.standardError.write(Data(("intercut: warning: \(path) changed since its provenance was saved; origins re-anchored "
                + "(AI lines changed, now counted as AI-edited: \(result.changedLines); AI lines gone: \(result.droppedLines))\n").utf8))
        }
        return ScriptProvenance(document: document, origins: result.origins, sidecarPath: sidecarPath)
    }
}
