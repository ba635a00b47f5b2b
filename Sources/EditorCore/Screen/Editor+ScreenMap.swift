// MARK: - Source ↔ screen mapping: the only place that converts between
// TextPosition (line, byte) and DisplayRow + cell column.

extension Editor {
    /// The geometry of the text area for the current screen size.
    var textAreaGeometry: PageGeometry {
        let width = screenLayout(width: lastSize.width, height: lastSize.height).text.width
        if let cached = geometryCache, cached.areaWidth == max(1, width) { return cached }
        let geometry = PageGeometry(areaWidth: width)
        geometryCache = geometry
        return geometry
    }

    /// The laid-out rows of a source line (cached; see `LayoutCache`).
    func lineLayout(_ line: Int) -> LineLayout {
        // The cursor's line may carry a pending element, which the cache cannot know about.
        let cursorLine = state.selection.head.line
        if cursorLine != lastLaidOutCursorLine {
            // The old cursor line may have been shown with a pending or guessed element.
            if let old = lastLaidOutCursorLine, old < state.buffer.lineCount { layoutCache.invalidate(old..<(old + 1)) }
            lastLaidOutCursorLine = cursorLine
        }
        let expected = line == cursorLine ? effectiveStyle(ofLine: line) : nil
        return layoutCache.layout(of: line, geometry: textAreaGeometry, expectedStyle: expected) {
            (self.state.buffer[line], self.effectiveStyle(ofLine: line))
        }
    }

    /// The parser's style, except that the cursor's line may carry the
    /// element the writer chose with Enter/Tab before the parser agrees
    /// (a cue being typed has no dialogue under it yet).
    func effectiveStyle(ofLine line: Int) -> LineStyle {
        if let pending = state.pendingElement, pending.line == line, line == state.selection.head.line {
            var style = syntax.style(ofLine: line)
            style.element = pending.role
            return style
        }
        var style = syntax.style(ofLine: line)
        // A cue being typed has no dialogue under it yet: show it at the cue column.
        if line == state.selection.head.line, style.element == .action, looksLikeCueBeingTyped(line: line) {
            style.element = .character
        }
        return style
    }

    /// The row and absolute cell column (from the text area's left edge) of a position.
    func screenLocation(of position: TextPosition) -> (row: DisplayRow, column: CellColumn) {
        let layout = lineLayout(position.line)
        var rowIndex = layout.rows.count - 1
        for (i, row) in layout.rows.enumerated() where position.byte < row.endByte || i == layout.rows.count - 1 {
            if position.byte >= row.startByte { rowIndex = i; break }
        }
        let row = layout.rows[rowIndex]
        var column = row.cellWidth
        for glyph in row.glyphs where glyph.byte >= position.byte {
            column = glyph.column
            break
        }
        return (DisplayRow(line: position.line, row: rowIndex), CellColumn(row.indent + column))
    }

    /// The position shown at an absolute cell column of a laid-out row; a
    /// column past the row's end gives the row's end (the last glyph's start
    /// on a wrapped row, so the cursor stays on that row).
    func position(at displayRow: DisplayRow, column: CellColumn) -> TextPosition {
        let layout = lineLayout(displayRow.line)
        let rowIndex = min(displayRow.row, layout.rows.count - 1)
        let row = layout.rows[rowIndex]
        let relative = column.value - row.indent
        if relative <= 0 { return TextPosition(line: displayRow.line, byte: row.startByte) }
        for glyph in row.glyphs where relative < glyph.column + glyph.width {
            return TextPosition(line: displayRow.line, byte: glyph.byte)
        }
        let isLast = rowIndex == layout.rows.count - 1
        if isLast || row.glyphs.isEmpty { return TextPosition(line: displayRow.line, byte: row.endByte) }
        return TextPosition(line: displayRow.line, byte: row.glyphs[row.glyphs.count - 1].byte)
    }

    func nextRow(after row: DisplayRow) -> DisplayRow? {
        if row.row + 1 < lineLayout(row.line).rows.count { return DisplayRow(line: row.line, row: row.row + 1) }
        return row.line + 1 < state.buffer.lineCount ? DisplayRow(line: row.line + 1, row: 0) : nil
    }

    func previousRow(before row: DisplayRow) -> DisplayRow? {
        if row.row > 0 { return DisplayRow(line: row.line, row: row.row - 1) }
        guard row.line > 0 else { return nil }
        return DisplayRow(line: row.line - 1, row: lineLayout(row.line - 1).rows.count - 1)
    }
}
