import CNcursesShim
import Foundation

/// Turns SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP and SIGCONT into bytes on
/// a pipe the UI loop polls (the self-pipe trick).
///
/// The C handler only writes the signal number, which is async-signal-safe;
/// all real work — flushing the journal, restoring the terminal, suspending —
/// happens in the loop. DispatchSource signal sources were the alternative;
/// they need a running dispatch queue, and our loop blocks in poll().
final class SignalPipe {
    let readFD: Int32
    private let writeFD: Int32

    init() {
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        readFD = fds[0]
        writeFD = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        ic_route_signals_to_pipe(writeFD)
    }

    /// Signals received since the last call, oldest first.
    func drain() -> [Int32] {
        var buffer = [UInt8](repeating: 0, count: 64)
        var signals: [Int32] = []
        while true {
            let n = read(readFD, &buffer, buffer.count)
            if n <= 0 { break }
            signals += buffer[0..<n].map { Int32($0) }
        }
        return signals
    }
}
