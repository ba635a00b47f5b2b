#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Set by the signal handler, read by the installer; a sig_atomic_t store is
// the one thing a C signal handler may safely do.
nonisolated(unsafe) private var interruptionSignal: sig_atomic_t = 0

/// Turns Ctrl-C / SIGTERM during an install into a thrown error, so the
/// installer's `defer`s remove its temporary files (about 500 MB of wheels and
/// a partial model) instead of the process dying with them on disk. pip,
/// in the same process group, gets Ctrl-C itself and exits; the installer
/// checks between stages and between chunks while joining and hashing.
enum InstallInterruption {
    struct Cancelled: Error, CustomStringConvertible {
        let signal: Int32
        var description: String { "install cancelled (signal \(signal)); temporary files removed" }
    }

    static func begin() {
        interruptionSignal = 0
        signal(SIGINT) { interruptionSignal = sig_atomic_t($0) }
        signal(SIGTERM) { interruptionSignal = sig_atomic_t($0) }
    }

    static func end() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// Throws if a signal arrived since ``begin()``.
    static func check() throws {
        let s = interruptionSignal
        if s != 0 { throw Cancelled(signal: Int32(s)) }
    }
}
