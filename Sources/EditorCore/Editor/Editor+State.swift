import Fountain
import Provenance

extension Editor {
    func load(_ document: Document) {
        let model: FountainDocument
        if let bytes = document.originalBytes, let parsed = try? FountainDocument(bytes: Array(bytes), decoding: .strict) {
            model = parsed
        } else {
            model = FountainDocument(parsing: document.bytes(for: document.text).withUnsafeBytes { String(decoding: $0, as: UTF8.self) })
        }
        syntax = FountainSyntax(document: model)
        state = EditorState(lines: model.source.lines)
        layoutCache = LayoutCache(lineCount: state.buffer.lineCount)
        paginationTracker = PaginationTracker()
        _ = repaginateIfStale()  // opening a script shows its real page count at once
        revision += 1
        savedStepID = 0
    }

    func currentText() -> String { state.buffer.text }

    /// Forgets the element chosen for a line once the cursor has left it.
    func dropPendingElement() {
        guard let pending = state.pendingElement else { return }
        state.pendingElement = nil
        if pending.line < state.buffer.lineCount { layoutCache.invalidate(pending.line..<(pending.line + 1)) }
    }

    func setMessage(_ text: String, isError: Bool) {
        state.message = StatusMessage(text: text, isError: isError)
    }

    /// Called by `applyEdit` after every buffer change: re-parse the changed
    /// lines and drop their cached layout.
    func textDidChange(firstLine: Int, removedLines: Int, insertedLines: Int, farReaching: Bool) {
        layoutCache.replaceLines(firstLine..<(firstLine + removedLines), withCount: insertedLines)
        let titlePageEnd = syntax.document.titlePage.last?.lines.upperBound ?? 0
        syntax.linesChanged(in: state.buffer.lines, firstLine: firstLine, removedLines: removedLines, insertedLines: insertedLines)
        if let pending = state.pendingElement, pending.line >= firstLine + removedLines {
            state.pendingElement?.line = pending.line + insertedLines - removedLines
        }
        paginationTracker.linesReplaced(first: firstLine, removed: removedLines, inserted: insertedLines)
        if farReaching || firstLine <= titlePageEnd {
            layoutCache.invalidateAll()
        } else {
            let region = EditRegion.paragraphsAround(firstLine..<(firstLine + insertedLines), in: state.buffer.lines)
            layoutCache.revalidate(region) { self.effectiveStyle(ofLine: $0) }
        }
    }
}

/// Everything mutable about an editing session except the document facts,
/// the syntax model and the layout cache.
struct EditorState {
    var buffer: TextBuffer
    var selection = Selection(cursor: .start)
    /// The cell column vertical movement tries to keep (nil: the cursor's own).
    var goalColumn: CellColumn?
    var history = UndoHistory()
    /// Who wrote each span, one entry per buffer line (see `applyEdit`).
    var origins: ScriptOrigins
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
    /// F12: draw text in the role of its origin instead of its element.
    var showOrigins = false
    /// The origins of `clipboard`'s text when it was copied here, so that
    /// moving AI text around does not make it human.
    var clipboardOrigins = OriginSpans()
    var search = SearchState()

    init(text: String) {
        buffer = TextBuffer(text)
        origins = ScriptOrigins(lineCount: buffer.lineCount)
    }

    init(lines: [String]) {
        buffer = TextBuffer(lines: lines)
        origins = ScriptOrigins(lineCount: buffer.lineCount)
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
