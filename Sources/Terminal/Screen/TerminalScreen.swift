import CNcursesShim
import EditorCore
import Foundation

/// The ncursesw session: starting and restoring the terminal, reading raw
/// input, and painting frames.
///
/// Only the UI-loop thread uses it. Painting compares a hash of every row
/// with the previous frame's (kakoune's line-hash redraw) and rewrites only
/// rows that changed; ncurses then sends the minimal update in one refresh.
final class TerminalScreen {
    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    private(set) var depth: ColorDepth = .none
    /// False under a non-UTF-8 locale: non-ASCII cells are drawn as "?".
    private(set) var isUTF8 = true
    private var theme: Theme = .builtIn
    private var rowHashes: [Int] = []
    private var lastSize = (width: -1, height: -1)
    private var cursorShape: Frame.CursorShape?
    private let supportsCursorShape: Bool
    private var roleAttributes: [StyleRole: attr_t] = [:]
    private var rolePairs: [StyleRole: Int32] = [:]

    /// Starts curses on the controlling terminal. The caller has checked
    /// that stdin and stdout are terminals.
    init(environment: [String: String]) throws {
        setlocale(LC_ALL, "")
        isUTF8 = ic_locale_is_utf8() != 0
        let direct = ColorDepth.directTerminal(environment: environment)
        let started = direct.map { term in term.withCString { ic_start($0) } } ?? ic_start(nil)
        guard started == 0 else {
            throw StartFailure(description: "cannot start the terminal: unknown TERM '\(environment["TERM"] ?? "")'")
        }
        atexit { ic_stop() }
        ic_setup_input()
        ic_set_escdelay(25)
        ic_set_input_timeout(0)
        supportsCursorShape = ic_key_sequence("Ss") != nil
        let hasColor = ic_start_color(1) == 0
        depth = hasColor ? ColorDepth.detect(environment: environment, colors: Int(ic_colors()), hasRGB: ic_has_rgb() != 0) : .none
        setBracketedPaste(true)
    }

    var size: (width: Int, height: Int) { (Int(ic_cols()), Int(ic_lines())) }

    /// True if the tty's size moved on from what curses believes (two
    /// quick SIGWINCHes can yield one KEY_RESIZE with the older size).
    func syncSize() -> Bool { ic_sync_size() != 0 }

    /// Installs the theme's colour pairs: one pair per style role.
    func apply(_ theme: Theme) {
        self.theme = theme
        var pair: Int32 = 1
        for role in StyleRole.allCases {
            let style = theme.style(for: role)
            roleAttributes[role] = ic_attributes(UInt32(style.attributes.rawValue))
            if depth != .none, pair < ic_color_pairs() {
                _ = ic_init_pair(pair, Int32(style.foreground.resolved(for: depth)), Int32(style.background.resolved(for: depth)))
                rolePairs[role] = pair
                pair += 1
            } else {
                rolePairs[role] = 0
            }
        }
        invalidate()
    }

    /// Everything readable now, without waiting (ESCDELAY aside).
    func readAvailable() -> [RawInput] {
        var batch: [RawInput] = []
        var value: UInt32 = 0
        while true {
            let kind = ic_get_wch(&value)
            if kind < 0 { break }
            batch.append(kind == 1 ? .keyCode(Int32(bitPattern: value)) : .character(value))
        }
        return batch
    }

    /// Forgets what is on screen so the next frame repaints every cell.
    func invalidate() {
        rowHashes = []
        ic_clear_ok()
    }

    /// Paints `frame`; rows identical to the last frame's are skipped.
    func draw(_ frame: Frame) {
        let grid = frame.grid
        let (width, height) = size
        if (grid.width, grid.height) != (lastSize.width, lastSize.height) || rowHashes.count != grid.height {
            rowHashes = Array(repeating: 0, count: grid.height)
            lastSize = (grid.width, grid.height)
            ic_clear_ok()
            erase()
        }
        let rows = min(grid.height, height), columns = min(grid.width, width)
        var scalars: [wchar_t] = []
        for row in 0..<rows {
            var hasher = Hasher()
            for cell in grid.row(row) { hasher.combine(cell) }
            let hash = hasher.finalize()
            if hash == rowHashes[row] { continue }
            rowHashes[row] = hash
            var column = 0
            while column < columns {
                let cell = grid[row, column]
                if cell.isContinuation { column += 1; continue }
                // A wide character that would not fit is drawn as a space.
                let fits = cell.width < 2 || column + 1 < columns
                scalars.removeAll(keepingCapacity: true)
                if fits && (isUTF8 || cell.text.utf8.allSatisfy({ $0 < 0x80 })) {
                    for scalar in cell.text.unicodeScalars { scalars.append(wchar_t(bitPattern: scalar.value)) }
                } else {
                    scalars.append(wchar_t(isUTF8 || !fits ? 0x20 : 0x3F))
                }
                if scalars.isEmpty { scalars.append(0x20) }
                let attributes = (roleAttributes[cell.role] ?? 0) | ic_attributes(UInt32(cell.attributes.rawValue))
                ic_put_cell(Int32(row), Int32(column), scalars, Int32(scalars.count), attributes, rolePairs[cell.role] ?? 0)
                column += fits ? max(1, Int(cell.width)) : 1
            }
        }
        if let cursor = frame.cursorPosition, cursor.row < rows, cursor.column < max(columns, 1) {
            ic_move(Int32(cursor.row), Int32(cursor.column))
            ic_cursor_visible(1)
        } else {
            ic_cursor_visible(0)
        }
        ic_refresh()
        if supportsCursorShape, frame.cursorShape != cursorShape {
            cursorShape = frame.cursorShape
            switch frame.cursorShape {
            case .bar: writeRaw("\u{1B}[6 q")
            case .block: writeRaw("\u{1B}[2 q")
            case .underline: writeRaw("\u{1B}[4 q")
            }
        }
    }

    /// Writes bytes straight to the terminal (escape sequences ncurses does
    /// not know: bracketed paste mode, OSC 52, cursor shape).
    func writeRaw(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { ic_write_raw($0.baseAddress, Int32($0.count)) }
        }
    }

    func setBracketedPaste(_ on: Bool) {
        writeRaw(on ? "\u{1B}[?2004h" : "\u{1B}[?2004l")
    }

    /// Puts the terminal back as it was: cursor shape, paste mode, endwin.
    func restore() {
        guard ic_is_started() != 0 else { return }
        if supportsCursorShape, cursorShape != nil { writeRaw("\u{1B}[0 q") }
        setBracketedPaste(false)
        ic_stop()
    }

    /// Leaves curses, stops the process (as Ctrl-Z in a shell does), and
    /// takes the terminal back when the shell resumes it with `fg`.
    func suspend() {
        restore()
        ic_stop_process()
        ic_resume()
        setBracketedPaste(true)
        cursorShape = nil
        invalidate()
    }
}
