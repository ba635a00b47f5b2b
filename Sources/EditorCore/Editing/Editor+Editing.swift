import Provenance

// MARK: - The one place text changes

extension Editor {
    /// Where an edit's origins come from.
    enum EditOrigins {
        /// The writer's own edit: `ScriptOrigins.replace`'s writer rule.
        case writer
        /// Text whose origins are known (a suggestion, the editor's clipboard).
        case marked(OriginSpans)
        /// Undo or redo: the affected lines' origins exactly as they were.
        case restore([OriginSpans])
    }

    /// Replaces `range` with `text` in the buffer, keeps the origins in step,
    /// and tells the syntax model and the layout cache which lines changed.
    /// Every edit goes through here.
    @discardableResult
    func applyEdit(_ range: TextRange, _ text: String, origins: EditOrigins = .writer) -> AppliedEdit {
        let removed = state.buffer.text(in: range)
        let originsBefore = Array(state.origins.lines[range.start.line...range.end.line])
        let end = state.buffer.replace(range, with: text)
        switch origins {
        case .restore(let saved): state.origins.replaceLines(range.start.line...range.end.line, with: saved)
        case .writer: keepOrigins(range, removed: removed, inserted: text, .writer)
        case .marked(let spans): keepOrigins(range, removed: removed, inserted: text, .marked(spans))
        }
        let originsAfter = Array(state.origins.lines[range.start.line...end.line])
        revision += 1
        suggestionsSawEdit(range, insertedEnd: end)
        let farReaching = Self.mentionsBoneyard(removed) || Self.mentionsBoneyard(text)
        textDidChange(firstLine: range.start.line, removedLines: range.end.line - range.start.line + 1,
                      insertedLines: end.line - range.start.line + 1, farReaching: farReaching)
        return AppliedEdit(start: range.start, removed: removed, inserted: text, insertedEnd: end, removedEnd: range.end,
                           originsBefore: originsBefore, originsAfter: originsAfter)
    }

    private func keepOrigins(_ range: TextRange, removed: String, inserted: String, _ insertion: ScriptOrigins.Insertion) {
        state.origins.replace(startLine: range.start.line, startByte: range.start.byte, endLine: range.end.line,
                              endByte: range.end.byte, removed: removed, inserted: inserted, origins: insertion)
    }

    /// Whether text holds a boneyard marker, whose effect reaches past paragraphs.
    static func mentionsBoneyard(_ text: String) -> Bool {
        guard text.utf8.contains(0x2A) || text.utf8.contains(0x2F) else { return false }
        return text.contains("/*") || text.contains("*/") || text == "*" || text == "/"
    }

    /// Replaces the selection (or inserts at the cursor) as one recorded edit.
    func replaceSelection(with text: String, kind: UndoHistory.GroupKind, origins: EditOrigins = .writer) {
        let before = state.selection
        let edit = applyEdit(before.range, text, origins: origins)
        state.selection = Selection(cursor: edit.insertedEnd)
        state.goalColumn = nil
        state.history.record(edit, kind: kind, before: before, after: state.selection)
    }

    /// Applies several edits, in order, as one undo step; `cursor` is where
    /// the cursor ends.
    func applyStep(_ changes: [(TextRange, String)], origins: EditOrigins = .writer,
                   cursor: (([AppliedEdit]) -> Selection)? = nil) {
        let before = state.selection
        var applied: [AppliedEdit] = []
        for (range, text) in changes { applied.append(applyEdit(range, text, origins: origins)) }
        state.selection = cursor?(applied) ?? Selection(cursor: applied.last?.insertedEnd ?? before.head)
        state.selection = Selection(anchor: state.buffer.clamp(state.selection.anchor), head: state.buffer.clamp(state.selection.head))
        state.goalColumn = nil
        state.history.recordStep(applied, before: before, after: state.selection)
    }

    // MARK: Typing and deleting

    func typeText(_ text: String) {
        guard !text.isEmpty else { return }
        var clean = text.filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" }
        guard !clean.isEmpty else { return }
        if let pending = state.pendingElement, pending.line == state.selection.head.line,
           [.character, .sceneHeading, .transition].contains(pending.role) {
            // A cue, heading or transition chosen with Tab is typed in capitals.
            clean = clean.uppercased()
        }
        replaceSelection(with: clean, kind: state.selection.isEmpty && clean.count == 1 ? .typing : .single)
        afterTyping()
    }

    func insertPaste(_ text: String) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        // Our own clipboard's text (from ^V, or the terminal pasting what ^C
        // copied through OSC 52) keeps the origins it was copied with.
        let known = normalized == state.clipboard && !state.clipboardOrigins.isAllHuman
        state.history.close()
        replaceSelection(with: normalized, kind: .single, origins: known ? .marked(state.clipboardOrigins) : .writer)
        state.history.close()
    }

    func deleteBackward() {
        if !state.selection.isEmpty { return deleteSelection() }
        let head = state.selection.head
        let start: TextPosition
        if head.byte > 0 {
            start = TextPosition(line: head.line, byte: state.buffer[head.line].graphemeBoundary(before: head.byte))
        } else if head.line > 0 {
            start = TextPosition(line: head.line - 1, byte: state.buffer[head.line - 1].utf8.count)
        } else {
            return bell()
        }
        state.selection = Selection(anchor: head, head: start)
        let before = Selection(cursor: head)
        let edit = applyEdit(TextRange(start, head), "")
        state.selection = Selection(cursor: start)
        state.goalColumn = nil
        state.history.record(edit, kind: .deletingBackward, before: before, after: state.selection)
    }

    func deleteForward() {
        if !state.selection.isEmpty { return deleteSelection() }
        let head = state.selection.head
        let end: TextPosition
        let line = state.buffer[head.line]
        if head.byte < line.utf8.count {
            end = TextPosition(line: head.line, byte: line.graphemeBoundary(after: head.byte))
        } else if head.line + 1 < state.buffer.lineCount {
            end = TextPosition(line: head.line + 1, byte: 0)
        } else {
            return bell()
        }
        let edit = applyEdit(TextRange(head, end), "")
        state.goalColumn = nil
        state.history.record(edit, kind: .deletingForward, before: Selection(cursor: head), after: state.selection)
    }

    func deleteWord(backward: Bool) {
        if !state.selection.isEmpty { return deleteSelection() }
        let head = state.selection.head
        let target = backward ? wordStart(before: head) : wordEnd(after: head)
        guard target != head else { return bell() }
        state.history.close()
        applyStep([(TextRange(head, target), "")]) { _ in Selection(cursor: min(head, target)) }
    }

    func deleteSelection() {
        guard !state.selection.isEmpty else { return }
        state.history.close()
        let range = state.selection.range
        applyStep([(range, "")]) { _ in Selection(cursor: range.start) }
    }

    /// Splits the line at the cursor (no element flow; see `newlineWithFlow`).
    func insertPlainNewline() {
        state.history.close()
        replaceSelection(with: "\n", kind: .single)
    }

    func bell() {
        pendingEffects.append(.bell)
    }

    // MARK: Undo and redo

    func undo() {
        guard let step = state.history.popUndo() else {
            showMessage("Nothing to undo")
            return
        }
        for edit in step.edits.reversed() {
            applyEdit(TextRange(edit.start, edit.insertedEnd), edit.removed, origins: .restore(edit.originsBefore))
        }
        state.selection = step.selectionBefore
        state.goalColumn = nil
    }

    func redo() {
        guard let step = state.history.popRedo() else {
            showMessage("Nothing to redo")
            return
        }
        for edit in step.edits {
            applyEdit(TextRange(edit.start, edit.removedEnd), edit.inserted, origins: .restore(edit.originsAfter))
        }
        state.selection = step.selectionAfter
        state.goalColumn = nil
    }
}
