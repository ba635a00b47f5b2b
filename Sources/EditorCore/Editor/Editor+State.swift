extension Editor {
    func load(_ document: Document) {
        state = EditorState(text: document.text)
        syntax = FountainSyntax(lines: state.buffer.lines)
        layoutCache = LayoutCache(lineCount: state.buffer.lineCount)
        revision = 0
        savedRevision = 0
    }

    func currentText() -> String { state.buffer.text }

    func setMessage(_ text: String, isError: Bool) {
        state.message = StatusMessage(text: text, isError: isError)
    }

    /// Called by `applyEdit` after every buffer change: re-parse the changed
    /// lines and drop their cached layout.
    func textDidChange(firstLine: Int, removedLines: Int, insertedLines: Int) {
        layoutCache.replaceLines(firstLine..<(firstLine + removedLines), withCount: insertedLines)
        syntax.linesChanged(in: state.buffer.lines, firstLine: firstLine, removedLines: removedLines, insertedLines: insertedLines)
    }
}

/// Everything mutable about an editing session except the document facts,
/// the syntax model and the layout cache.
struct EditorState {
    var buffer: TextBuffer
    var selection = Selection(cursor: .start)
    /// The cell column vertical movement tries to keep (nil: the cursor's own).
    var goalColumn: Int?
    var history = UndoHistory()
    var clipboard = ""
    var message: StatusMessage?
    var prompt: Prompt?
    /// The first visible laid-out row.
    var scrollTop = DisplayRow(line: 0, row: 0)
    var completion: Completion?
    /// The element the writer chose for an empty or new line with Enter/Tab,
    /// shown until the parser agrees or the cursor leaves the line.
    var pendingElement: (line: Int, role: StyleRole)?
    var showingHelp = false
    var helpScroll = 0
    var paneVisible = true
    var search = SearchState()

    init(text: String) {
        buffer = TextBuffer(text)
    }
}

/// A line in the status bar's message area.
struct StatusMessage {
    var text: String
    var isError: Bool
}

/// A laid-out row: row `row` of source line `line`'s wrapped rows.
struct DisplayRow: Hashable, Comparable {
    var line: Int
    var row: Int

    static func < (lhs: DisplayRow, rhs: DisplayRow) -> Bool {
        lhs.line != rhs.line ? lhs.line < rhs.line : lhs.row < rhs.row
    }
}
