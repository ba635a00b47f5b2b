/// The text as an array of lines without their "\n" terminators.
///
/// Always at least one line. Lines of `String` were chosen over one rope or
/// UTF-8 arrays after measuring (DECISIONS.md, "Editor buffer"): a keystroke
/// touches one line, and a 200-page script has ~6,000 lines, so splicing the
/// array on Enter costs microseconds.
struct TextBuffer {
    private(set) var lines: [String]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.isEmpty { lines = [""] }
    }

    var lineCount: Int { lines.count }
    var text: String { lines.joined(separator: "\n") }

    subscript(line: Int) -> String { lines[line] }
}
