import Foundation

/// A snapshot of the unsaved buffer, kept so that a crash or `kill -9` loses
/// at most the last moments of typing.
///
/// Where: `$XDG_STATE_HOME/intercut/journal/` (default
/// `~/.local/state/intercut/journal/`), one file per document, named
/// `<file name>.<hash of the absolute path>.journal` — never next to the
/// script, so a read-only or synced script folder stays clean. Untitled
/// buffers get `untitled.<pid>.journal`.
///
/// Format: full snapshots, not an edit log (the core hands out bytes, not
/// edits; a 200-page script is ~300 KB, written in a few ms off the UI
/// thread). A header line `intercut-journal 1`, `path=<absolute path>`,
/// `written=<unix seconds>`, an empty line, then the document bytes exactly
/// as a save would write them. Each write is temp file + fsync + rename, so
/// a journal is always whole.
///
/// Beside it, `<journal>.provenance` holds the origins of the same text in
/// the provenance sidecar's format (docs/PROVENANCE.md), written after the
/// snapshot and only while the text has AI in it, so a recovered buffer
/// keeps its AI marks. It is re-anchored on recovery, so a crash between the
/// two writes costs at most the newest marks, never text.
public struct RecoveryJournal: Sendable, Equatable {
    /// The journal file.
    public let journalPath: String
    /// The document it protects (absolute), nil for an untitled buffer.
    public let documentPath: String?

    static let magic = "intercut-journal 1"

    public init(documentPath: String?, directory: String) {
        if let documentPath {
            let absolute = Self.absolute(documentPath)
            self.documentPath = absolute
            let name = (absolute as NSString).lastPathComponent
            let tag = String(FileFingerprint.hash(Data(absolute.utf8)), radix: 16)
            journalPath = (directory as NSString).appendingPathComponent("\(name).\(tag).journal")
        } else {
            self.documentPath = nil
            journalPath = (directory as NSString).appendingPathComponent("untitled.\(getpid()).journal")
        }
    }

    /// `$XDG_STATE_HOME/intercut/journal`, or `~/.local/state/intercut/journal`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = (home as NSString).appendingPathComponent(".local/state")
        }
        return (base as NSString).appendingPathComponent("intercut/journal")
    }

    /// Writes a snapshot of `bytes` (the document as it would be saved).
    public func write(_ bytes: Data, now: Date = Date()) throws {
        let directory = (journalPath as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw FileSafetyError(path: journalPath, operation: "journal (mkdir)", errno: EACCES)
        }
        var header = "\(Self.magic)\npath=\(documentPath ?? "")\nwritten=\(Int(now.timeIntervalSince1970))\n\n"
        header = header.replacingOccurrences(of: "\r", with: "")
        var data = Data(header.utf8)
        data.append(bytes)
        try AtomicFileWriter.write(data, to: journalPath)
    }

    /// The document bytes saved in the journal, or nil if there is no
    /// readable journal for this document.
    public func read() -> Data? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: journalPath)) else { return nil }
        let separator = Data("\n\n".utf8)
        guard data.starts(with: Data(Self.magic.utf8)),
              let range = data.range(of: separator) else { return nil }
        return data.subdata(in: range.upperBound..<data.endIndex)
    }

    /// The journal's bytes if recovery should be offered: a journal exists
    /// and differs from what is on disk now.
    public func recoverable() -> Data? {
        guard let saved = read() else { return nil }
        if let documentPath, let onDisk = try? Data(contentsOf: URL(fileURLWithPath: documentPath)), onDisk == saved {
            return nil
        }
        return saved
    }

    public func remove() {
        unlink(journalPath)
        unlink(originsPath)
    }

    /// The journal's copy of the origins (a provenance sidecar).
    public var originsPath: String { journalPath + ".provenance" }

    /// Writes the origins of the snapshot's text, or removes a stale copy (nil).
    public func writeOrigins(_ sidecar: Data?) throws {
        guard let sidecar else {
            unlink(originsPath)
            return
        }
        try AtomicFileWriter.write(sidecar, to: originsPath)
    }

    /// The journal's copy of the origins, if there is one.
    public func readOrigins() -> Data? {
        FileManager.default.contents(atPath: originsPath)
    }

    private static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        let cwd = FileManager.default.currentDirectoryPath
        return ((cwd as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }
}
