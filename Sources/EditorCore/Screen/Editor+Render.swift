import Foundation
import Provenance

// MARK: - Drawing the frame: title, text area, pane, prompt, status, overlays

extension Editor {
    func drawFrame(width: Int, height: Int) -> Frame {
        var grid: CellGrid
        if var reused = spareGrid, reused.width == width, reused.height == height {
            // The previous frame's storage: unique again once the terminal has drawn it.
            spareGrid = nil
            reused.clear()
            grid = reused
        } else {
            grid = CellGrid(width: width, height: height)
        }
        defer { spareGrid = grid }
        guard width > 0, height > 0 else { return Frame(grid: grid, cursor: nil) }
        let regions = screenLayout(width: width, height: height)
        if state.showingHelp {
            drawHelp(into: &grid)
            return Frame(grid: grid, cursor: nil)
        }
        scrollToCursor(height: regions.text.height)
        var cursor: ScreenPoint?
        if case .outline = state.prompt?.kind {
            drawOutlinePicker(into: &grid, region: regions.text)
        } else {
            cursor = drawText(into: &grid, region: regions.text)
        }
        if let pane = regions.pane { drawSuggestionPane(into: &grid, region: pane) }
        if let titleRow = regions.titleRow { drawTitle(into: &grid, row: titleRow, regions: regions) }
        if let statusRow = regions.statusRow { drawStatus(into: &grid, row: statusRow, paneShown: regions.pane != nil) }
        if let promptRow = regions.promptRow, let prompt = state.prompt {
            cursor = drawPrompt(prompt, into: &grid, row: promptRow) ?? cursor
        } else if let prompt = state.prompt, let statusRow = regions.statusRow ?? (height > 0 ? height - 1 : nil) {
            // No room for a separate prompt row: the prompt replaces the status bar.
            cursor = drawPrompt(prompt, into: &grid, row: statusRow) ?? cursor
        }
        if let cursorPoint = cursor, state.prompt == nil, let completion = state.completion, completion.candidates.count > 1 {
            drawCompletionPopup(completion, into: &grid, below: cursorPoint, region: regions.text)
        }
        return Frame(grid: grid, cursor: cursor, cursorShape: .bar)
    }

    // MARK: Text area

    /// Draws the laid-out rows from `scrollTop`; returns the cursor's cell.
    private func drawText(into grid: inout CellGrid, region: Region) -> ScreenPoint? {
        guard region.height > 0, region.width > 0 else { return nil }
        let selection = state.selection.range
        let head = state.selection.head
        let cursorLocation = screenLocation(of: head)
        let limit = region.left + region.width
        var cursor: ScreenPoint?
        var row: DisplayRow? = state.scrollTop
        var matchCache: (line: Int, ranges: [Range<Int>])?
        let pages = pagination()
        let geometry = textAreaGeometry
        let showOrigins = state.showOrigins
        for screenRow in region.top..<(region.top + region.height) {
            guard let current = row else { break }
            let layout = lineLayout(current.line)
            let laidOut = layout.rows[min(current.row, layout.rows.count - 1)]
            if !state.search.query.isEmpty, matchCache?.line != current.line {
                matchCache = (current.line, matchRanges(of: state.search.query, inLine: current.line))
            }
            let matches = matchCache?.ranges ?? []
            // Page breaks: "12." in the left margin where page 12 begins, as on the printed page.
            if current.row == 0, geometry.margin >= 5, let page = pages.page(startingAt: current.line) {
                let label = "\(page)."
                grid.write(label, row: screenRow, column: region.left + geometry.margin - 1 - label.count,
                           role: .pageMarker, attributes: [.dim], limit: region.left + geometry.margin - 1)
            }
            let lineSelected = !selection.isEmpty && selection.start.line <= current.line && current.line <= selection.end.line
            let lineOrigins = showOrigins ? state.origins[current.line] : OriginSpans()
            let pending = suggestions.pending.flatMap { $0.start.line <= current.line && current.line <= $0.end.line ? $0 : nil }
            for var glyph in laidOut.glyphs {
                var role = showOrigins ? Self.role(for: lineOrigins.origin(atByte: glyph.byte)) : glyph.role
                if let pending, pending.contains(TextPosition(line: current.line, byte: glyph.byte)) {
                    // The candidate being edited: AI colour, underlined, until kept or dropped.
                    role = .aiText
                    glyph.attributes.insert(.underline)
                }
                if lineSelected, selection.start <= TextPosition(line: current.line, byte: glyph.byte),
                   TextPosition(line: current.line, byte: glyph.byte) < selection.end {
                    role = .selection
                } else if !matches.isEmpty, matches.contains(where: { $0.contains(glyph.byte) }) {
                    role = .searchMatch
                }
                grid.put(glyph: glyph, row: screenRow, column: region.left + laidOut.indent + glyph.column, role: role, limit: limit)
            }
            // A selected line end shows as one selected cell, so selecting blank lines is visible.
            if lineSelected, current.row == layout.rows.count - 1, current.line < selection.end.line {
                grid.put(" ", row: screenRow, column: region.left + laidOut.indent + laidOut.cellWidth, width: 1,
                         role: .selection, attributes: [], limit: limit)
            }
            if current == cursorLocation.row {
                let column = min(region.left + cursorLocation.column.value, limit - 1)
                cursor = ScreenPoint(row: screenRow, column: max(region.left, column))
                if let completion = state.completion, completion.line == head.line, state.prompt == nil {
                    grid.write(completion.remainder, row: screenRow, column: region.left + cursorLocation.column.value,
                               role: glyphRole(atLine: head.line), attributes: [.dim], limit: limit)
                }
            }
            row = nextRow(after: current)
        }
        return cursor
    }

    private func glyphRole(atLine line: Int) -> StyleRole { effectiveStyle(ofLine: line).element }

    // MARK: Chrome

    private func drawTitle(into grid: inout CellGrid, row: Int, regions: ScreenRegions) {
        grid.fill(row: row, from: 0, to: grid.width, role: .paneBorder)
        let name = displayName + (isModified ? " [+]" : "")
        grid.write(" " + name + " ", row: row, column: 1, role: .paneTitle, attributes: [.bold], limit: regions.text.width)
        if let pane = regions.pane {
            let open = suggestions.openIndices.count
            let title = " Suggestions" + (open == 0 ? "" : " (\(open))") + " "
            grid.write(title, row: row, column: pane.left, role: .paneTitle, limit: grid.width)
        }
    }

    var displayName: String {
        guard let path = document.path else { return "untitled" }
        return (path as NSString).lastPathComponent
    }

    private func drawStatus(into grid: inout CellGrid, row: Int, paneShown: Bool) {
        grid.fill(row: row, from: 0, to: grid.width, role: .statusBar)
        let info = statusInfo()
        let left = " p.\(info.page)/\(info.pageCount)  sc.\(info.scene)  \(info.element) "
        var x = grid.write(left, row: row, column: 0, role: .statusBarAccent, attributes: [.bold])
        let file = " " + displayName + (isModified ? "*" : "") + " "
        x = grid.write("│" + file, row: row, column: x, role: .statusBar)
        let help = " F1 help "
        let helpStart = grid.width - help.cellWidth
        var messageLimit = helpStart - 1
        if let suggestion = suggestionStatusText(paneShown: paneShown) {
            // Right-aligned beside "F1 help"; a message gets the room to its left.
            let text = "│ " + suggestion + " "
            let start = max(x, helpStart - text.cellWidth)
            grid.write(text, row: row, column: start, role: .statusBar, limit: max(start, helpStart))
            messageLimit = start
        }
        if let message = state.message {
            grid.write("│ " + message.text, row: row, column: x, role: message.isError ? .error : .message,
                       limit: max(x, messageLimit))
        }
        if helpStart > x { grid.write(help, row: row, column: helpStart, role: .statusBar) }
    }

    private func drawPrompt(_ prompt: Prompt, into grid: inout CellGrid, row: Int) -> ScreenPoint? {
        grid.fill(row: row, from: 0, to: grid.width, role: .prompt)
        let labelEnd = grid.write(prompt.label, row: row, column: 0, role: .prompt, attributes: [.bold])
        guard prompt.takesText else { return ScreenPoint(row: row, column: min(labelEnd, max(0, grid.width - 1))) }
        let before = String(prompt.input.slice(bytes: 0..<prompt.cursor))
        // Keep the input's cursor visible by scrolling the input horizontally.
        let available = max(1, grid.width - labelEnd - 1)
        var shown = prompt.input
        var cursorColumn = before.cellWidth
        while cursorColumn > available, !shown.isEmpty {
            cursorColumn -= shown.first!.cellWidth
            shown.removeFirst()
        }
        let inputEnd = grid.write(shown, row: row, column: labelEnd, role: .prompt)
        if let hint = characterPromptHint(prompt) {
            grid.write(hint, row: row, column: inputEnd, role: .prompt, attributes: [.dim])
        }
        return ScreenPoint(row: row, column: min(labelEnd + cursorColumn, max(0, grid.width - 1)))
    }

    private func drawCompletionPopup(_ completion: Completion, into grid: inout CellGrid, below cursor: ScreenPoint, region: Region) {
        let items = Array(completion.candidates.prefix(6))
        let width = min(region.width, (items.map(\.cellWidth).max() ?? 0) + 2)
        guard width > 2 else { return }
        var top = cursor.row + 1
        if top + items.count > region.top + region.height { top = cursor.row - items.count }
        guard top >= region.top else { return }
        let left = max(region.left, min(cursor.column - completion.typed.cellWidth, region.left + region.width - width))
        for (i, item) in items.enumerated() {
            let role: StyleRole = i == completion.selected ? .popupSelected : .popup
            grid.fill(row: top + i, from: left, to: left + width, role: role)
            grid.write(" " + item, row: top + i, column: left, role: role, limit: left + width)
        }
    }

    private func drawOutlinePicker(into grid: inout CellGrid, region: Region) {
        guard case .outline(let selected) = state.prompt?.kind, region.height > 0 else { return }
        let items = filteredOutline()
        let top = max(0, min(selected - region.height / 2, items.count - region.height))
        for (offset, item) in items.dropFirst(top).prefix(region.height).enumerated() {
            let row = region.top + offset
            let index = top + offset
            let role: StyleRole = index == selected ? .selection : (item.isSection ? .section : .sceneHeading)
            grid.fill(row: row, from: region.left, to: region.left + region.width, role: index == selected ? .selection : .background)
            let indent = String(repeating: "  ", count: item.depth)
            let label = item.isSection ? indent + item.title : indent + "\(item.number). " + item.title
            grid.write(" " + label, row: row, column: region.left, role: role,
                       attributes: item.isSection ? [] : [.bold], limit: region.left + region.width)
        }
        if items.isEmpty {
            grid.write(" No scenes match", row: region.top, column: region.left, role: .message, limit: region.left + region.width)
        }
    }

    // MARK: Help

    private func drawHelp(into grid: inout CellGrid) {
        let lines = helpLines()
        let maxScroll = max(0, lines.count - grid.height + 1)
        state.helpScroll = min(max(0, state.helpScroll), maxScroll)
        for (offset, line) in lines.dropFirst(state.helpScroll).prefix(max(0, grid.height - 1)).enumerated() {
            grid.write(line.text, row: offset, column: 0, role: line.role, attributes: line.bold ? [.bold] : [])
        }
        let footer = " Esc/F1 close  ↑↓ PgUp PgDn scroll "
        grid.fill(row: grid.height - 1, from: 0, to: grid.width, role: .statusBar)
        grid.write(footer, row: grid.height - 1, column: 0, role: .statusBar)
    }

    func helpLines() -> [(text: String, role: StyleRole, bold: Bool)] {
        var lines: [(String, StyleRole, Bool)] = [(" Intercut: key bindings", .paneTitle, true), ("", .paneText, false)]
        let keyWidth = min(24, (helpEntries.map { $0.keys.joined(separator: ", ").cellWidth }.max() ?? 10) + 2)
        for entry in helpEntries {
            let keys = entry.keys.isEmpty ? "(unbound)" : entry.keys.joined(separator: ", ")
            let padding = String(repeating: " ", count: max(1, keyWidth - keys.cellWidth))
            lines.append(("  " + keys + padding + entry.doc, .paneText, false))
        }
        lines.append(("", .paneText, false))
        lines.append(("  Typing: Enter and Tab follow the screenplay element flow;", .paneText, false))
        lines.append(("  Tab or Right accepts an autocomplete suggestion.", .paneText, false))
        lines.append(("  Keys can be changed in config.toml under [keys], e.g. undo = \"ctrl-z\".", .paneText, false))
        lines.append(("", .paneText, false))
        let originKeys = keymap.keys(for: "toggle_origins").map(\.displayName).joined(separator: ", ")
        lines.append(("  Origin colours (\(originKeys.isEmpty ? "toggle_origins" : originKeys)), as they show in the text:", .paneText, false))
        lines.append(("    AI text, as the model wrote it", .aiText, false))
        lines.append(("    AI-edited: AI text the writer changed", .aiEditedText, false))
        lines.append(("    Human text", .humanText, false))
        return lines
    }
}
