import EditorCore
import Foundation

/// The one place that owns the UI loop: wait for input, a posted event or a
/// signal; hand input to the editor; carry out its effects; draw one frame.
///
/// The wait is `poll` on three descriptors — the keyboard, the signal pipe
/// and `UIEventQueue`'s wake-up pipe — with a 100 ms timeout that drives
/// the recovery journal and the repagination of a long script after typing
/// pauses, and catches a SIGWINCH that slipped in just before the wait. Background work never blocks the loop: it posts to the queue.
public final class UILoop {
    /// Why the loop ended; `exitCode` is what the process should return.
    public enum Ending: Equatable {
        case quit
        case signal(Int32)

        public var exitCode: Int32 {
            switch self {
            case .quit: 0
            case .signal(let number): 128 + number
            }
        }
    }

    let editor: Editor
    let files: FileSession
    public let queue: UIEventQueue
    /// Carries out `.suggestion` effects (the suggestion glue), on the UI thread.
    public var suggestionHandler: ((SuggestionEffect) -> Void)?
    private let screen: TerminalScreen
    private let signals = SignalPipe()
    private var decoder: InputDecoder
    private var ending: Ending?
    /// Start-up timing for INTERCUT_TIMING (nil when not asked for).
    private var startTime: UInt64?
    /// When the last input arrived (uptime ns), and how long after it the
    /// writer counts as paused.
    private var lastInput: UInt64 = 0
    private static let typingPause: UInt64 = 100_000_000

    /// Starts the terminal (curses, colours, key table); throws a one-line
    /// error if the terminal cannot be used.
    public init(editor: Editor, files: FileSession, theme: Theme, fallbackTheme: () -> Theme?,
                environment: [String: String], startTime: UInt64? = nil) throws {
        self.editor = editor
        self.files = files
        self.startTime = startTime
        queue = UIEventQueue()
        screen = try TerminalScreen(environment: environment)
        // With no colours at all, a colour theme loses its reverse-video bars;
        // an attribute-only theme keeps every role visible.
        screen.apply(screen.depth == .none ? (fallbackTheme() ?? theme) : theme)
        let screen = screen
        decoder = InputDecoder(keyCodes: KeyCodeTable.build(), size: { screen.size })
        if !screen.isUTF8 {
            editor.showError("Locale is not UTF-8 (set LANG=C.UTF-8): non-ASCII text shows as '?'")
        }
    }

    /// Runs until the writer quits or a terminating signal arrives; the
    /// terminal is restored on every path out.
    public func run() -> Ending {
        defer { screen.restore() }
        let initial = screen.size
        apply(editor.handle(.resize(width: initial.width, height: initial.height)))
        draw()
        if let startTime, let path = ProcessInfo.processInfo.environment["INTERCUT_TIMING"] {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - startTime) / 1e6
            try? "first_frame_ms \(String(format: "%.2f", elapsed))\n".appendLine(to: path)
        }
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signals.readFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: queue.wakeReadFD, events: Int16(POLLIN), revents: 0),
        ]
        while ending == nil {
            let ready = poll(&descriptors, nfds_t(descriptors.count), decoder.isInsidePaste ? 20 : 100)
            var changed = false
            if ready < 0 && errno != EINTR { break }
            // The terminal went away (window closed, ssh dropped) without a
            // SIGHUP reaching us: same as SIGHUP, or we would spin on POLLHUP.
            if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                ending = .signal(SIGHUP)
                break
            }
            changed = handleSignals() || changed
            if ending != nil { break }
            for work in queue.drain() {
                work(editor)
                changed = true
            }
            let batch = screen.readAvailable()
            if !batch.isEmpty {
                for event in decoder.decode(batch) {
                    apply(editor.handle(event))
                    changed = true
                    if ending != nil { break }
                }
            }
            if screen.syncSize() {
                let (width, height) = screen.size
                apply(editor.handle(.resize(width: width, height: height)))
                changed = true
            }
            files.tick(editor: editor)
            // A pause in typing (streamed suggestions keep waking the loop,
            // so not just a timed-out wait): catch up on pages.
            let now = DispatchTime.now().uptimeNanoseconds
            if !batch.isEmpty { lastInput = now }
            if now - lastInput >= Self.typingPause && editor.repaginateIfStale() { changed = true }
            if changed && ending == nil { draw() }
        }
        if case .signal = ending { files.flushJournal(editor: editor) }
        return ending ?? .quit
    }

    private func draw() {
        let (width, height) = screen.size
        screen.draw(editor.render(width: width, height: height))
    }

    private func apply(_ effects: [EditorEffect]) {
        for effect in effects {
            if let followUp = files.perform(effect, editor: editor) {
                apply(followUp)
                continue
            }
            switch effect {
            case .quit:
                files.close()
                ending = .quit
            case .suspend:
                files.flushJournal(editor: editor)
                screen.suspend()
            case .copyToSystemClipboard(let text):
                screen.writeRaw("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}")
            case .bell:
                screen.writeRaw("\u{07}")
            case .redrawAll:
                screen.invalidate()
            case .suggestion(let work):
                suggestionHandler?(work)
            default:
                break
            }
        }
    }

    /// Returns true when the screen must be redrawn.
    private func handleSignals() -> Bool {
        var redraw = false
        for number in signals.drain() {
            switch number {
            case SIGTSTP:
                files.flushJournal(editor: editor)
                screen.suspend()
                redraw = true
            case SIGCONT:
                screen.invalidate()
                redraw = true
            default:
                ending = .signal(number)
            }
        }
        return redraw
    }
}

extension String {
    func appendLine(to path: String) throws {
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(utf8))
            handle.closeFile()
        } else {
            try write(toFile: path, atomically: false, encoding: .utf8)
        }
    }
}
