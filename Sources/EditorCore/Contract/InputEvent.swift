/// One input event decoded by the terminal and handed to `Editor.handle(_:)`.
///
/// Keys carry modifiers; a bracketed paste arrives as one `.paste` so that
/// pasted text never triggers key bindings.
public enum InputEvent: Sendable, Equatable, Hashable {
    case key(Key, KeyModifiers = [])
    case paste(String)
    case resize(width: Int, height: Int)
    case mouse(MouseEvent)
}

/// A key, independent of any terminal encoding.
public enum Key: Sendable, Equatable, Hashable {
    /// Printable text (usually one grapheme cluster). Shift is already applied.
    case text(String)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case delete, backspace, enter, tab, backTab, escape, insert
    /// F1 to F12.
    case function(Int)
    /// Ctrl plus a letter a–z (lowercase) or one of " " (ctrl-space), "]", "\\", "^", "_".
    case ctrl(Character)
}

/// Modifier keys held with a key. Ctrl-letters use `Key.ctrl` instead.
public struct KeyModifiers: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let shift = KeyModifiers(rawValue: 1)
    public static let control = KeyModifiers(rawValue: 2)
    public static let alt = KeyModifiers(rawValue: 4)
}

/// A mouse click or wheel step at a screen cell (0-based column and row).
public struct MouseEvent: Sendable, Equatable, Hashable {
    /// A button-1 press or one wheel step.
    public enum Kind: Sendable, Equatable, Hashable { case press, scrollUp, scrollDown }
    public var kind: Kind
    public var column: Int
    public var row: Int
    public init(kind: Kind, column: Int, row: Int) {
        self.kind = kind
        self.column = column
        self.row = row
    }
}
