import EditorCore
import Foundation

/// The one way into the UI loop from other tasks (streamed suggestion
/// tokens, a finished background job).
///
/// `post` appends a closure under a lock and writes a byte to a wake-up
/// pipe; the loop's `poll` watches that pipe beside the keyboard, drains
/// the queue and runs the closures on the UI thread with the editor, then
/// draws once. A poster never waits for the UI, and the UI never waits on a
/// poster: at worst it finds the queue empty.
public final class UIEventQueue: @unchecked Sendable {
    public typealias Work = @Sendable (Editor) -> Void

    private let lock = NSLock()
    private var items: [Work] = []
    let wakeReadFD: Int32
    private let wakeWriteFD: Int32

    public init() {
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        wakeReadFD = fds[0]
        wakeWriteFD = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit {
        close(wakeReadFD)
        close(wakeWriteFD)
    }

    /// Runs `work` on the UI thread soon, then redraws. Callable from any thread.
    public func post(_ work: @escaping Work) {
        lock.lock()
        let wasEmpty = items.isEmpty
        items.append(work)
        lock.unlock()
        // One byte per empty→non-empty transition keeps the pipe from filling.
        if wasEmpty {
            var byte: UInt8 = 1
            _ = write(wakeWriteFD, &byte, 1)
        }
    }

    /// Takes everything posted so far (UI thread only).
    func drain() -> [Work] {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeReadFD, &buffer, buffer.count) > 0 {}
        lock.lock()
        defer { lock.unlock() }
        let taken = items
        items.removeAll()
        return taken
    }
}
