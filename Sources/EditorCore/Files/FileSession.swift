import Foundation
import Provenance

/// The file side of an editing session: what the open file looked like on
/// disk, its recovery journal, and the file effects (`.save`, `.open`, the
/// answer to "recover?").
///
/// Rules it keeps:
/// - A save goes through `AtomicFileWriter`. Unless the writer already said
///   "overwrite", a file changed on disk since it was opened or saved
///   (size + mtime + hash) is not written; `Editor.saveConflict` asks.
/// - The journal gets a snapshot whenever the text moved on and at least
///   `journalInterval` passed since the last one, so with the UI loop's
///   100 ms wake-ups at most ~0.6 s of typing is lost to a `kill -9`.
///   Snapshots are written on a serial background queue, so a slow disk
///   never stalls a keystroke.
/// - The journal is removed after a clean save and on quit (the core asks
///   before quitting with unsaved text, recovered text included: it is
///   opened marked modified).
/// Call it from the UI loop's thread only.
public final class FileSession {
    public static let recoverQuestionID = "recover-journal"
    public let journalDirectory: String
    public var journalInterval: TimeInterval = 0.5

    private(set) var baseline: FileFingerprint?
    private(set) var journal: RecoveryJournal
    private var pendingRecovery: Data?
    private var lastJournalRevision: Int
    private var lastJournalTime = Date.distantPast
    private var journalHasSnapshot = false
    private let writer = DispatchQueue(label: "intercut.journal")
    private let journalErrors = JournalErrors()
    /// The open document's sidecar exists but could not be read.
    private var sidecarCorrupt = false

    /// Starts a session for the editor's document; offers recovery if a
    /// journal newer than the file exists.
    public init(editor: Editor, journalDirectory: String) {
        self.journalDirectory = journalDirectory
        journal = RecoveryJournal(documentPath: editor.document.path, directory: journalDirectory)
        lastJournalRevision = editor.revision
        adopt(editor: editor)
    }

    /// Reads `path` as a document; a missing file is an empty document
    /// that will be created on the first save.
    public static func readDocument(path: String) throws -> Document {
        guard FileManager.default.fileExists(atPath: path) else { return Document(path: path, text: "") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw FileSafetyError(path: path, operation: "open", errno: EISDIR)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileSafetyError(path: path, operation: "open", errno: access(path, R_OK) == 0 ? EIO : errno)
        }
        return try Document(path: path, bytes: data)
    }

    /// Performs a file effect. Returns nil for effects that are not about
    /// files, else the follow-up effects (a save may finish "save and quit").
    @discardableResult
    public func perform(_ effect: EditorEffect, editor: Editor) -> [EditorEffect]? {
        switch effect {
        case .save(let path, let bytes, let overwrite):
            return save(bytes, to: path, overwrite: overwrite, editor: editor)
        case .open(let path):
            do {
                let document = try Self.readDocument(path: path)
                finishJournal(remove: !editor.isModified)
                editor.open(document)
                adopt(editor: editor)
                // The decisions owed on the old script, then the new script's path, go out now.
                return editor.takePendingEffects()
            } catch {
                editor.showError("\(error)")
            }
        case .answer(let id, let yes) where id == Self.recoverQuestionID:
            guard let bytes = pendingRecovery else { return [] }
            pendingRecovery = nil
            if yes {
                do {
                    editor.open(try Document(path: editor.document.path, bytes: bytes), markModified: true)
                    lastJournalRevision = editor.revision
                    editor.showMessage("Recovered unsaved text from the journal; save to keep it")
                    recoverOrigins(editor: editor)
                } catch {
                    editor.showError("journal unreadable: \(error); kept at \(journal.journalPath)")
                }
            } else {
                journal.remove()
                editor.showMessage("Discarded the recovery journal")
            }
        default:
            return nil
        }
        return []
    }

    /// Writes a journal snapshot if the text changed and the interval passed.
    public func tick(editor: Editor, now: Date = Date()) {
        if let message = journalErrors.take() { editor.showError(message) }
        guard editor.revision != lastJournalRevision, pendingRecovery == nil else { return }
        guard now.timeIntervalSince(lastJournalTime) >= journalInterval else { return }
        lastJournalRevision = editor.revision
        lastJournalTime = now
        if !editor.isModified {
            if journalHasSnapshot { removeJournalInBackground() }
            return
        }
        let bytes = editor.documentBytes
        let origins = originsSnapshot(editor: editor)
        let journal = journal, errors = journalErrors
        journalHasSnapshot = true
        writer.async {
            do {
                try journal.write(bytes)
                try journal.writeOrigins(origins())
            } catch {
                errors.record("\(error)")
            }
        }
    }

    /// Writes the current text to the journal now and waits (before exiting
    /// on a signal).
    public func flushJournal(editor: Editor) {
        if editor.isModified {
            let bytes = editor.documentBytes
            let origins = originsSnapshot(editor: editor)
            let journal = journal
            writer.sync {
                try? journal.write(bytes)
                try? journal.writeOrigins(origins())
            }
        } else {
            writer.sync {}
        }
    }

    /// Ends the session on quit (the writer saved or chose to discard).
    public func close() {
        finishJournal(remove: true)
    }

    // MARK: - Internals

    private func save(_ bytes: Data, to path: String, overwrite: Bool, editor: Editor) -> [EditorEffect] {
        let sameFile = editor.document.path.map { Self.samePath($0, path) } ?? false
        if !overwrite, FileFingerprint.fileChanged(at: path, since: sameFile ? baseline : nil) {
            editor.saveConflict(path: path)
            return []
        }
        do {
            baseline = try AtomicFileWriter.write(bytes, to: path)
        } catch {
            editor.showError("\(error)")
            return []
        }
        if !sameFile { finishJournal(remove: true) } else { removeJournalInBackground() }
        journal = RecoveryJournal(documentPath: path, directory: journalDirectory)
        let sidecarProblem = ProvenanceFiles.save(editor: editor, scriptPath: path, corruptOnDisk: sameFile && sidecarCorrupt)
        if sidecarProblem == nil {
            sidecarCorrupt = false
        } else {
            // A failed sidecar calls off "save and quit", so the writer sees why.
            editor.quitAfterSave = false
        }
        let followUp = editor.didSave(path: path)
        if let sidecarProblem {
            editor.showError("Saved \((path as NSString).lastPathComponent), but not its provenance: \(sidecarProblem)")
        }
        lastJournalRevision = editor.revision
        return followUp
    }

    /// The origins to journal with a snapshot, encoded on the writer queue
    /// (hashing every line is not UI-thread work); nil when the text has no
    /// AI in it, which removes a stale copy.
    private func originsSnapshot(editor: Editor) -> @Sendable () -> Data? {
        let origins = editor.scriptOrigins
        let lines = editor.state.buffer.lines
        return { origins.isAllHuman ? nil : ProvenanceSidecar(lines: lines, origins: origins).encoded() }
    }

    /// After recovering journaled text: the journal's origins if it has
    /// them, else the script's sidecar, re-anchored onto the recovered text.
    private func recoverOrigins(editor: Editor) {
        if let data = journal.readOrigins(), let sidecar = try? ProvenanceSidecar(data: data) {
            ProvenanceFiles.adopt(sidecar, into: editor, announce: false)
        } else {
            sidecarCorrupt = ProvenanceFiles.load(into: editor, announce: false)
        }
    }

    private func adopt(editor: Editor) {
        sidecarCorrupt = ProvenanceFiles.load(into: editor)
        journal = RecoveryJournal(documentPath: editor.document.path, directory: journalDirectory)
        baseline = editor.document.path.flatMap { try? FileFingerprint.read(path: $0) }
        journalHasSnapshot = false
        lastJournalRevision = editor.revision
        guard editor.document.path != nil, let bytes = journal.recoverable() else { return }
        pendingRecovery = bytes
        journalHasSnapshot = true
        let written = (try? FileManager.default.attributesOfItem(atPath: journal.journalPath)[.modificationDate] as? Date)
            .flatMap { $0 }.map { Self.timeFormatter.string(from: $0) } ?? "earlier"
        editor.ask("Unsaved changes from \(written) found. Recover them? (y/n)", id: Self.recoverQuestionID)
    }

    private func removeJournalInBackground() {
        let journal = journal
        journalHasSnapshot = false
        writer.async { journal.remove() }
    }

    private func finishJournal(remove: Bool) {
        if remove { removeJournalInBackground() }
        writer.sync {}
    }

    private static func samePath(_ a: String, _ b: String) -> Bool {
        func normal(_ path: String) -> String {
            let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            return (absolute as NSString).standardizingPath
        }
        return normal(a) == normal(b)
    }

    private static let timeFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }()
}

/// The background journal writer's last failure, handed to the UI thread.
private final class JournalErrors: @unchecked Sendable {
    private let lock = NSLock()
    private var message: String?
    private var reported = Set<String>()

    func record(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if reported.insert(text).inserted { message = text }
    }

    func take() -> String? {
        lock.lock()
        defer { lock.unlock() }
        defer { message = nil }
        return message
    }
}
