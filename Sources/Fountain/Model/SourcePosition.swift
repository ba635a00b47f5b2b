/// A place in the source: 0-based line index and 0-based column counted in
/// UTF-8 bytes of that line's text (line ending excluded).
/// `SourceText.characterColumn(line:utf8Column:)` converts to characters.
public struct SourcePosition: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        a.line != b.line ? a.line < b.line : a.column < b.column
    }
}
