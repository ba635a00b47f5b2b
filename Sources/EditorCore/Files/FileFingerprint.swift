import Foundation

/// What a file looked like on disk when the editor last read or wrote it:
/// size, modification time and a hash of the bytes.
///
/// Size and mtime are the cheap test; the hash settles the cases where they
/// moved but the bytes did not (a `touch`, a tool that rewrites the same
/// text), so those are not reported as conflicts. FNV-1a 64 is a change
/// detector here, not a security measure.
public struct FileFingerprint: Sendable, Equatable {
    public var size: Int64
    /// Modification time in nanoseconds since the epoch.
    public var modifiedNanoseconds: Int64
    public var contentHash: UInt64

    public init(size: Int64, modifiedNanoseconds: Int64, contentHash: UInt64) {
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.contentHash = contentHash
    }

    /// The fingerprint of the file at `path` now, or nil if there is no file.
    public static func read(path: String) throws -> FileFingerprint? {
        guard let status = Self.status(path) else { return nil }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return FileFingerprint(size: status.size, modifiedNanoseconds: status.modified, contentHash: hash(data))
    }

    /// The fingerprint of `data` just written to or read from `path`.
    public static func of(_ data: Data, at path: String) -> FileFingerprint? {
        guard let status = Self.status(path) else { return nil }
        return FileFingerprint(size: status.size, modifiedNanoseconds: status.modified, contentHash: hash(data))
    }

    /// Whether the file at `path` differs from `baseline` (nil: the file did
    /// not exist then). Unreadable counts as changed, so the writer is asked.
    public static func fileChanged(at path: String, since baseline: FileFingerprint?) -> Bool {
        guard let status = status(path) else { return baseline != nil }
        guard let baseline else { return true }
        if status.size == baseline.size && status.modified == baseline.modifiedNanoseconds { return false }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else { return true }
        return hash(data) != baseline.contentHash
    }

    static func hash(_ data: Data) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { raw in
            for byte in raw {
                value ^= UInt64(byte)
                value &*= 0x0000_0100_0000_01b3
            }
        }
        return value
    }

    private static func status(_ path: String) -> (size: Int64, modified: Int64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return (Int64(info.st_size), modified)
    }
}
