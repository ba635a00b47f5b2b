/// The text as an array of lines without their "\\n" terminators.
///
/// Always at least one line. Lines of `String` were chosen after measuring
/// (DECISIONS.md, "Editor buffer"): a keystroke touches one line, and a
/// 200-page script has about 8,000 lines, so splicing the array on Enter
/// costs microseconds.
struct TextBuffer {
    private(set) var lines: [String]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.isEmpty { lines = [""] }
    }

    init(lines: [String]) {
        self.lines = lines.isEmpty ? [""] : lines
    }

    var lineCount: Int { lines.count }
    var text: String { lines.joined(separator: "\n") }
    subscript(line: Int) -> String { lines[line] }

    var endPosition: TextPosition { TextPosition(line: lines.count - 1, byte: lines[lines.count - 1].utf8.count) }

    /// Clamps a position into the text and onto a grapheme boundary.
    func clamp(_ position: TextPosition) -> TextPosition {
        let line = max(0, min(position.line, lines.count - 1))
        let byte = max(0, min(position.byte, lines[line].utf8.count))
        return TextPosition(line: line, byte: lines[line].graphemeFloor(byte))
    }

    func text(in range: TextRange) -> String {
        if range.start.line == range.end.line {
            return String(lines[range.start.line].slice(bytes: range.start.byte..<range.end.byte))
        }
        let first = lines[range.start.line]
        var parts = [String(first.slice(bytes: range.start.byte..<first.utf8.count))]
        if range.end.line - range.start.line > 1 {
            parts.append(contentsOf: lines[(range.start.line + 1)..<range.end.line])
        }
        parts.append(String(lines[range.end.line].slice(bytes: 0..<range.end.byte)))
        return parts.joined(separator: "\n")
    }

    /// Replaces `range` with `text`; returns the end of the inserted text.
    @discardableResult
    mutating func replace(_ range: TextRange, with text: String) -> TextPosition {
        let firstLine = lines[range.start.line]
        let lastLine = lines[range.end.line]
        let prefix = firstLine.slice(bytes: 0..<range.start.byte)
        let suffix = lastLine.slice(bytes: range.end.byte..<lastLine.utf8.count)
        if !text.utf8.contains(0x0A) {
            lines.replaceSubrange(range.start.line...range.end.line, with: CollectionOfOne(prefix + text + suffix))
            return TextPosition(line: range.start.line, byte: range.start.byte + text.utf8.count)
        }
        var inserted = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lastInsertedBytes = inserted[inserted.count - 1].utf8.count
        inserted[0] = prefix + inserted[0]
        inserted[inserted.count - 1] += suffix
        lines.replaceSubrange(range.start.line...range.end.line, with: inserted)
        return TextPosition(line: range.start.line + inserted.count - 1, byte: lastInsertedBytes)
    }
}
