import Foundation
import Synchronization

/// The append-only JSONL feedback log of one script (docs/FEEDBACK.md).
///
/// Durability: each record is one `write(2)` of a whole line on a file
/// opened with `O_APPEND`, done before the logging call returns, so a
/// `kill -9` of Intercut right after it loses nothing (the kernel has the
/// bytes). An `fsync` follows on a background queue, so a power cut loses at
/// most the last few milliseconds; the editor's thread never waits for the disk.
public final class FeedbackLog: Sendable {
    /// The log file.
    public let url: URL
    private let descriptor: Mutex<Int32>
    private let syncQueue = DispatchQueue(label: "intercut.feedback.fsync", qos: .utility)
    private let syncPending = Atomic<Bool>(false)

    /// Opens (creating it and its folder if needed) the log at `url`.
    public init(url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw FeedbackLogError("cannot open \(url.path): \(String(cString: strerror(errno)))")
        }
        descriptor = Mutex(fd)
    }

    /// Opens the log of the script at `scriptPath` (nil: an untitled buffer).
    public convenience init(script scriptPath: String?) throws {
        try self.init(url: FeedbackLocation.log(forScript: scriptPath))
    }

    deinit {
        descriptor.withLock { fd in
            if fd >= 0 { fsync(fd); close(fd) }
        }
    }

    /// Appends `record` as one line.
    func append(_ record: FeedbackRecord) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var data = try? encoder.encode(record) else { return }
        data.append(0x0A)
        descriptor.withLock { fd in
            data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }
        scheduleSync()
    }

    /// Blocks until everything appended so far is on disk.
    public func synchronize() {
        syncQueue.sync { descriptor.withLock { fd in _ = fsync(fd) } }
    }

    private func scheduleSync() {
        guard !syncPending.exchange(true, ordering: .acquiringAndReleasing) else { return }
        syncQueue.async { [self] in
            syncPending.store(false, ordering: .releasing)
            descriptor.withLock { fd in _ = fsync(fd) }
        }
    }
}

/// A log that cannot be opened; one line.
public struct FeedbackLogError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
