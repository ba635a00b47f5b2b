// MARK: - Internal clipboard (and OSC 52 through an effect when enabled)

extension Editor {
    /// The selection, or the cursor's whole line (with its newline) when
    /// nothing is selected, as nano does.
    private func clipRange() -> TextRange {
        if !state.selection.isEmpty { return state.selection.range }
        let line = state.selection.head.line
        if line + 1 < state.buffer.lineCount {
            return TextRange(TextPosition(line: line, byte: 0), TextPosition(line: line + 1, byte: 0))
        }
        let start = line > 0 ? TextPosition(line: line - 1, byte: state.buffer[line - 1].utf8.count) : TextPosition(line: line, byte: 0)
        return TextRange(start, TextPosition(line: line, byte: state.buffer[line].utf8.count))
    }

    func copy() {
        let range = clipRange()
        setClipboard(state.buffer.text(in: range), range: range)
        showMessage(state.selection.isEmpty ? "Copied the line" : "Copied")
    }

    func cut() {
        let range = clipRange()
        guard !range.isEmpty else { return bell() }
        setClipboard(state.buffer.text(in: range), range: range)
        state.history.close()
        applyStep([(range, "")]) { _ in Selection(cursor: range.start) }
    }

    func cutLine() {
        state.selection = Selection(cursor: state.selection.head)
        cut()
    }

    func paste() {
        guard !state.clipboard.isEmpty else { return showMessage("Clipboard is empty") }
        insertPaste(state.clipboard)
    }

    private func setClipboard(_ text: String, range: TextRange) {
        state.clipboard = text
        state.clipboardOrigins = state.origins.extract(startLine: range.start.line, startByte: range.start.byte,
                                                       endLine: range.end.line, text: text)
        if systemClipboard { pendingEffects.append(.copyToSystemClipboard(text)) }
    }
}
