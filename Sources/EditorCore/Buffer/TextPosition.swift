/// A place in the text: a source line and a UTF-8 byte offset into it.
///
/// `byte` always sits on a grapheme-cluster boundary (every editing and
/// movement operation keeps it there). Screen positions are `ScreenPoint`
/// and laid-out rows are `DisplayRow`; `ScreenMap` is the one place that
/// converts between them.
struct TextPosition: Hashable, Comparable, CustomStringConvertible {
    var line: Int
    var byte: Int

    static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
        lhs.line != rhs.line ? lhs.line < rhs.line : lhs.byte < rhs.byte
    }

    static let start = TextPosition(line: 0, byte: 0)
    var description: String { "\(line):\(byte)" }
}

/// A half-open range of text between two positions, `start <= end`.
struct TextRange: Hashable {
    var start: TextPosition
    var end: TextPosition

    init(_ a: TextPosition, _ b: TextPosition) {
        start = min(a, b)
        end = max(a, b)
    }

    init(at position: TextPosition) {
        start = position
        end = position
    }

    var isEmpty: Bool { start == end }
}
