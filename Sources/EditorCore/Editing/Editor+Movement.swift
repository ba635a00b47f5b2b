// MARK: - Cursor movement (source-based; vertical movement is in Editor+VerticalMovement)

extension Editor {
    /// Moves the cursor; with `extend` the anchor stays, making a selection.
    func moveCursor(to position: TextPosition, extend: Bool, keepGoal: Bool = false) {
        let target = state.buffer.clamp(position)
        state.selection = extend ? Selection(anchor: state.selection.anchor, head: target) : Selection(cursor: target)
        if !keepGoal { state.goalColumn = nil }
        state.history.close()
    }

    func position(after position: TextPosition) -> TextPosition {
        let line = state.buffer[position.line]
        if position.byte < line.utf8.count {
            return TextPosition(line: position.line, byte: line.graphemeBoundary(after: position.byte))
        }
        return position.line + 1 < state.buffer.lineCount ? TextPosition(line: position.line + 1, byte: 0) : position
    }

    func position(before position: TextPosition) -> TextPosition {
        if position.byte > 0 {
            return TextPosition(line: position.line, byte: state.buffer[position.line].graphemeBoundary(before: position.byte))
        }
        return position.line > 0 ? TextPosition(line: position.line - 1, byte: state.buffer[position.line - 1].utf8.count) : position
    }

    func moveLeft(extend: Bool) {
        if !extend, !state.selection.isEmpty { return moveCursor(to: state.selection.range.start, extend: false) }
        moveCursor(to: position(before: state.selection.head), extend: extend)
    }

    func moveRight(extend: Bool) {
        if !extend, !state.selection.isEmpty { return moveCursor(to: state.selection.range.end, extend: false) }
        moveCursor(to: position(after: state.selection.head), extend: extend)
    }

    // MARK: Words

    /// The grapheme starting at `position` (nil at the end of a line).
    func character(at position: TextPosition) -> Character? {
        let line = state.buffer[position.line]
        guard position.byte < line.utf8.count else { return nil }
        return line.slice(bytes: position.byte..<line.graphemeBoundary(after: position.byte)).first
    }

    static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "'" || character == "’" || character == "_"
    }

    /// The end of the next word at or after `position` (crossing line ends).
    func wordEnd(after start: TextPosition) -> TextPosition {
        var position = start
        let end = state.buffer.endPosition
        while position < end, !Self.isWordCharacter(character(at: position)) { position = self.position(after: position) }
        while position < end, Self.isWordCharacter(character(at: position)) { position = self.position(after: position) }
        return position
    }

    /// The start of the word at or before `position` (crossing line ends).
    func wordStart(before start: TextPosition) -> TextPosition {
        var position = start
        func characterBefore(_ p: TextPosition) -> Character? {
            p.byte == 0 ? nil : character(at: self.position(before: p))
        }
        while position > .start, !Self.isWordCharacter(characterBefore(position)) { position = self.position(before: position) }
        while position > .start, Self.isWordCharacter(characterBefore(position)) { position = self.position(before: position) }
        return position
    }

    // MARK: Lines and document

    func moveLineStart(extend: Bool) {
        let head = state.selection.head
        // Home toggles between the first non-blank character and column 0.
        let line = state.buffer[head.line]
        let indent = line.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count
        let target = head.byte == indent ? 0 : indent
        moveCursor(to: TextPosition(line: head.line, byte: target), extend: extend)
    }

    func moveLineEnd(extend: Bool) {
        let head = state.selection.head
        moveCursor(to: TextPosition(line: head.line, byte: state.buffer[head.line].utf8.count), extend: extend)
    }

    /// Moves to the previous or next blank-line-separated paragraph start.
    func moveParagraph(forward: Bool, extend: Bool) {
        var line = state.selection.head.line
        let blank: (Int) -> Bool = { self.state.buffer[$0].allSatisfy { $0 == " " || $0 == "\t" } }
        if forward {
            while line < state.buffer.lineCount - 1, !blank(line) { line += 1 }
            while line < state.buffer.lineCount - 1, blank(line) { line += 1 }
        } else {
            if line > 0 { line -= 1 }
            while line > 0, blank(line) { line -= 1 }
            while line > 0, !blank(line - 1) { line -= 1 }
        }
        moveCursor(to: TextPosition(line: line, byte: 0), extend: extend)
    }

    func selectAll() {
        state.selection = Selection(anchor: .start, head: state.buffer.endPosition)
        state.history.close()
    }
}
