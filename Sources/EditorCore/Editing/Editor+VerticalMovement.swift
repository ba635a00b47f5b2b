// MARK: - Movement by laid-out rows, pages and scrolling

extension Editor {
    var textAreaHeight: Int { max(1, screenLayout(width: lastSize.width, height: lastSize.height).text.height) }

    func moveVertically(rows: Int, extend: Bool) {
        if !extend, !state.selection.isEmpty {
            let edge = rows < 0 ? state.selection.range.start : state.selection.range.end
            state.selection = Selection(cursor: edge)
        }
        let location = screenLocation(of: state.selection.head)
        let goal = state.goalColumn ?? location.column
        var row = location.row
        var moved = 0
        while moved < abs(rows) {
            guard let next = rows > 0 ? nextRow(after: row) : previousRow(before: row) else { break }
            row = next
            moved += 1
        }
        if moved == 0 {
            // At the first or last row: go to the start or end of the text.
            moveCursor(to: rows < 0 ? .start : state.buffer.endPosition, extend: extend)
            return
        }
        moveCursor(to: position(at: row, column: goal), extend: extend, keepGoal: true)
        state.goalColumn = goal
    }

    func movePage(down: Bool, extend: Bool) {
        let page = max(1, textAreaHeight - 2)
        // Scroll the view by the same amount so the cursor keeps its screen row.
        var top = state.scrollTop
        for _ in 0..<page {
            guard let next = down ? nextRow(after: top) : previousRow(before: top) else { break }
            top = next
        }
        state.scrollTop = top
        moveVertically(rows: down ? page : -page, extend: extend)
    }

    /// Adjusts `scrollTop` so the cursor's row is inside the text area, with
    /// two rows of context above and below it when the area has 10 rows or
    /// more (fewer at the ends of the script).
    func scrollToCursor(height: Int) {
        guard height > 0 else { return }
        state.scrollTop = DisplayRow(line: min(state.scrollTop.line, state.buffer.lineCount - 1), row: state.scrollTop.row)
        state.scrollTop.row = min(state.scrollTop.row, lineLayout(state.scrollTop.line).rows.count - 1)
        let margin = height >= 10 ? 2 : 0
        let cursorRow = screenLocation(of: state.selection.head).row
        // The highest allowed top: `margin` rows above the cursor.
        var highest = cursorRow
        for _ in 0..<margin {
            guard let previous = previousRow(before: highest) else { break }
            highest = previous
        }
        if highest < state.scrollTop {
            state.scrollTop = highest
            return
        }
        // The lowest allowed top: the cursor plus the rows below it that exist, up to `margin`, fit.
        var below = 0
        var probe = cursorRow
        while below < margin, let next = nextRow(after: probe) {
            probe = next
            below += 1
        }
        var top = cursorRow
        var rows = 1 + below
        while rows < height, top > state.scrollTop, let previous = previousRow(before: top) {
            top = previous
            rows += 1
        }
        if top > state.scrollTop { state.scrollTop = top }
    }
}
