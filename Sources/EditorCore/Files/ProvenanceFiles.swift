import Foundation
import Provenance

/// The provenance side of `FileSession`: the sidecar read on open and
/// written beside every save, and the journal's copy of the origins.
///
/// Rules: the script is written first and its save never depends on the
/// sidecar; a sidecar that cannot be written is a status message (and
/// cancels a pending quit so the writer sees it). A script with no AI text
/// and no sidecar yet gets none, so folders of human-only scripts stay
/// clean. A sidecar that cannot be read leaves the origins human, says so,
/// and is moved aside to `provenance.json.corrupt` by the next save rather
/// than overwritten.
enum ProvenanceFiles {
    /// Reads the sidecar of the editor's document into it. Returns true when
    /// a sidecar exists but is unreadable. `announce`: say so when the
    /// script changed outside Intercut.
    static func load(into editor: Editor, announce: Bool = true) -> Bool {
        guard let scriptPath = editor.document.path else { return false }
        let sidecarPath = ProvenanceSidecar.path(forScript: scriptPath)
        guard let data = FileManager.default.contents(atPath: sidecarPath) else { return false }
        do {
            let sidecar = try ProvenanceSidecar(data: data)
            adopt(sidecar, into: editor, announce: announce)
            return false
        } catch {
            editor.showError("\(error) (\(sidecarPath)); origins start as human; the next save keeps it as provenance.json.corrupt")
            return true
        }
    }

    /// Puts a sidecar's origins on the editor's text, re-anchored if the
    /// text is not the one the sidecar was written for.
    static func adopt(_ sidecar: ProvenanceSidecar, into editor: Editor, announce: Bool) {
        let result = sidecar.origins(for: editor.state.buffer.lines)
        editor.adoptOrigins(result.origins)
        guard announce, !result.isExact, sidecar.hasMachineText else { return }
        var parts: [String] = []
        if result.changedLines > 0 { parts.append("\(result.changedLines) AI line\(result.changedLines == 1 ? "" : "s") now AI-edited") }
        if result.droppedLines > 0 { parts.append("\(result.droppedLines) AI line\(result.droppedLines == 1 ? "" : "s") gone") }
        let detail = parts.isEmpty ? "lines moved" : parts.joined(separator: ", ")
        editor.showMessage("Changed outside Intercut; origins re-anchored: \(detail)")
    }

    /// Writes the sidecar for the text just saved to `scriptPath`. Returns a
    /// one-line problem, or nil when it was written (or was not needed).
    static func save(editor: Editor, scriptPath: String, corruptOnDisk: Bool) -> String? {
        let sidecarPath = ProvenanceSidecar.path(forScript: scriptPath)
        let exists = FileManager.default.fileExists(atPath: sidecarPath)
        if !exists, editor.state.origins.isAllHuman { return nil }
        do {
            let directory = (sidecarPath as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if exists, corruptOnDisk, rename(sidecarPath, sidecarPath + ".corrupt") != 0 {
                throw FileSafetyError(path: sidecarPath, operation: "keep the corrupt sidecar", errno: errno)
            }
            let sidecar = ProvenanceSidecar(lines: editor.state.buffer.lines, origins: editor.state.origins)
            try AtomicFileWriter.write(sidecar.encoded(), to: sidecarPath)
            return nil
        } catch let error as FileSafetyError {
            return "\(error)"
        } catch {
            return "\(sidecarPath): \(error.localizedDescription)"
        }
    }
}
