import Foundation

/// Writes a file so that a crash at any moment leaves either the old bytes
/// or the new ones, never a mix or an empty file.
///
/// Steps: a temporary file in the same directory (so `rename` stays on one
/// file system), write, `fchmod` to the old file's permission bits, `fsync`,
/// `rename` over the target, then `fsync` the directory so the rename itself
/// is durable. A symlink is followed and its target replaced, so the link
/// survives (rename alone would replace the link with a plain file).
///
/// Limits: owner and group are kept only when the process may `fchown`
/// (root, or the owner of the file); extended attributes and hard links to
/// the old inode are not carried over — the price of atomicity, as in vim's
/// and micro's safe write.
public enum AtomicFileWriter {
    /// Writes `data` to `path` and returns the new file's fingerprint.
    @discardableResult
    public static func write(_ data: Data, to path: String) throws -> FileFingerprint {
        let target = resolveSymlinks(path)
        let directory = (target as NSString).deletingLastPathComponent.isEmpty
            ? "." : (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent

        var existing = stat()
        let hadFile = stat(target, &existing) == 0
        let mode: mode_t = hadFile ? existing.st_mode & 0o7777 : defaultMode()

        var template = Array("\(directory)/.\(name).intercut-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileSafetyError(path: path, operation: "save", errno: errno) }
        let tempPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var committed = false
        defer {
            if !committed { unlink(tempPath) }
        }
        do {
            try writeAll(data, to: fd, path: path)
            if fchmod(fd, mode) != 0 { throw FileSafetyError(path: path, operation: "save (chmod)", errno: errno) }
            if hadFile { _ = fchown(fd, existing.st_uid, existing.st_gid) }
            if fsync(fd) != 0 { throw FileSafetyError(path: path, operation: "save (fsync)", errno: errno) }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw FileSafetyError(path: path, operation: "save (close)", errno: errno) }
        guard rename(tempPath, target) == 0 else { throw FileSafetyError(path: path, operation: "save (rename)", errno: errno) }
        committed = true
        syncDirectory(directory)
        return FileFingerprint.of(data, at: target)
            ?? FileFingerprint(size: Int64(data.count), modifiedNanoseconds: 0, contentHash: FileFingerprint.hash(data))
    }

    static func writeAll(_ data: Data, to fd: Int32, path: String) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileSafetyError(path: path, operation: "save (write)", errno: errno)
                }
                offset += n
            }
        }
    }

    /// fsync on the directory makes the rename durable; some file systems
    /// refuse it (EINVAL), which changes nothing about atomicity.
    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    private static func resolveSymlinks(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return path }
        return (path as NSString).resolvingSymlinksInPath
    }

    private static func defaultMode() -> mode_t {
        let mask = umask(0)
        umask(mask)
        return 0o666 & ~mask
    }
}
