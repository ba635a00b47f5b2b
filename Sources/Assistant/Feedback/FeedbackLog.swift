import Foundation
import Synchronization

/// The append-only JSONL feedback log of one script (docs/FEEDBACK.md).
///
/// Durability: each record is one `write(2)` of a whole line on a file
/// opened with `O_APPEND`, done before the logging call returns, so a
/// `kill -9` of Intercut right after it loses nothing (the kernel has the
/// bytes). An `fsync` follows on a background queue, so a power cut loses at
/// most the last few milliseconds; the editor's thread never waits for the disk.
///
/// The log follows its script: ``move(to:carrying:)`` switches it to another
/// file (Save As, another script opened) between two records, so no record
/// is split or lost.
public final class FeedbackLog: Sendable {
    private struct Open {
        var url: URL
        var descriptor: Int32
    }

    private let file: Mutex<Open>
    private let syncQueue = DispatchQueue(label: "intercut.feedback.fsync", qos: .utility)
    private let syncPending = Atomic<Bool>(false)

    /// What ``move(to:carrying:)`` copies from the old log into the new one.
    public enum Carry: Sendable, Equatable {
        /// Nothing: the new log is another script's.
        case nothing
        /// Every record: the same script under a new name.
        case everything
        /// The records of this session (the `session` key): an untitled
        /// buffer's log is shared by every untitled buffer.
        case session(String)
    }

    /// Opens (creating it and its folder if needed) the log at `url`.
    public init(url: URL) throws {
        file = Mutex(Open(url: url, descriptor: try Self.openFile(url)))
    }

    /// Opens the log of the script at `scriptPath` (nil: an untitled buffer).
    public convenience init(script scriptPath: String?) throws {
        try self.init(url: FeedbackLocation.log(forScript: scriptPath))
    }

    deinit {
        file.withLock { open in
            if open.descriptor >= 0 { fsync(open.descriptor); close(open.descriptor) }
        }
    }

    /// The log file records go to now.
    public var url: URL { file.withLock { $0.url } }

    /// From now on, appends to the log at `url`, after copying into it what
    /// `carrying` says of the current log. Records the new log already has
    /// (the same line) are not copied again, so moving a script back and
    /// forth never duplicates its history. The old log is left as it was.
    /// On failure (the new folder cannot be made, say) records keep going
    /// to the current log, and the error says why in one line.
    public func move(to url: URL, carrying: Carry) throws {
        try file.withLock { open in
            guard url.standardizedFileURL.path != open.url.standardizedFileURL.path else { return }
            let descriptor = try Self.openFile(url)
            if carrying != .nothing, let old = FileManager.default.contents(atPath: open.url.path) {
                let existing = Set((FileManager.default.contents(atPath: url.path) ?? Data())
                    .split(separator: 0x0A, omittingEmptySubsequences: true))
                var copied = Data()
                for line in old.split(separator: 0x0A, omittingEmptySubsequences: true)
                where !existing.contains(line) && Self.belongs(line, to: carrying) {
                    copied.append(line)
                    copied.append(0x0A)
                }
                guard Self.writeAll(copied, to: descriptor) else {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw FeedbackLogError("cannot copy the feedback log to \(url.path): \(reason)")
                }
            }
            fsync(open.descriptor)
            close(open.descriptor)
            open = Open(url: url, descriptor: descriptor)
        }
        scheduleSync()
    }

    /// Appends `record` as one line.
    func append(_ record: FeedbackRecord) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var data = try? encoder.encode(record) else { return }
        data.append(0x0A)
        file.withLock { open in _ = Self.writeAll(data, to: open.descriptor) }
        scheduleSync()
    }

    /// Blocks until everything appended so far is on disk.
    public func synchronize() {
        syncQueue.sync { file.withLock { open in _ = fsync(open.descriptor) } }
    }

    private func scheduleSync() {
        guard !syncPending.exchange(true, ordering: .acquiringAndReleasing) else { return }
        syncQueue.async { [self] in
            syncPending.store(false, ordering: .releasing)
            file.withLock { open in _ = fsync(open.descriptor) }
        }
    }

    private static func openFile(_ url: URL) throws -> Int32 {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw FeedbackLogError("cannot create \(url.deletingLastPathComponent().path): \(error.localizedDescription)")
        }
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw FeedbackLogError("cannot open \(url.path): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// Writes all of `data` (one `write(2)` unless interrupted); false on an error.
    private static func writeAll(_ data: Data, to fd: Int32) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Whether the log line `line` is one `carrying` copies.
    private static func belongs(_ line: Data.SubSequence, to carrying: Carry) -> Bool {
        switch carrying {
        case .nothing: return false
        case .everything: return true
        case .session(let session):
            let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            return object?["session"] as? String == session
        }
    }
}

/// A log that cannot be opened; one line.
public struct FeedbackLogError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
