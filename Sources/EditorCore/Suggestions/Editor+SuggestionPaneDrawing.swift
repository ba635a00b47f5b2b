// MARK: - Drawing the suggestion pane
//
//  gemma-3-270m · 84 tok/s
//  1 ▸ streaming            ← focused: highlighted header
//    MARLOWE
//    Two more turns.
//  2   done
//    The alarm light blinks.
//  ^T take  F4 word  F5 line …

/// One row of the pane before scrolling.
struct PaneRow {
    var text: String
    var role: StyleRole
    var attributes: CellAttributes = []
    /// The candidate the row belongs to (nil: chrome).
    var candidate: Int?
}

extension Editor {
    func drawSuggestionPane(into grid: inout CellGrid, region: Region) {
        for row in region.top..<(region.top + region.height) {
            grid.put("│", row: row, column: region.left - 1, width: 1, role: .paneBorder, attributes: [])
            grid.fill(row: row, from: region.left, to: region.left + region.width, role: .paneText)
        }
        guard region.height > 0, region.width > 2 else { return }
        let textWidth = region.width - 4
        var header: [PaneRow] = []
        var summary = suggestions.backendName ?? ""
        if let rate = suggestions.tokensPerSecond { summary += (summary.isEmpty ? "" : " · ") + "\(Int(rate.rounded())) tok/s" }
        if !summary.isEmpty { header.append(PaneRow(text: summary, role: .paneText, attributes: [.dim])) }
        if let query = suggestions.query, suggestions.ticket != nil {
            if let character = query.character { header.append(PaneRow(text: "Line for \(character)", role: .paneTitle)) }
            if let direction = query.direction { header.append(PaneRow(text: "Direction: \(direction)", role: .paneTitle)) }
        }
        var body: [PaneRow] = []
        if !suggestions.isAvailable, let reason = suggestions.unavailableReason {
            for line in wrapPaneText(reason, width: region.width - 2) { body.append(PaneRow(text: line, role: .error)) }
            body.append(PaneRow(text: "", role: .paneText))
            body.append(PaneRow(text: "Editing works as usual.", role: .paneText, attributes: [.dim]))
        } else if suggestions.ticket == nil || suggestions.openIndices.isEmpty {
            body.append(PaneRow(text: "No suggestions yet", role: .paneText, attributes: [.dim]))
            body.append(PaneRow(text: "\(keyName("suggest")) asks for \(suggestionOptions.count) at the cursor", role: .paneText, attributes: [.dim]))
        } else {
            if suggestions.isStale {
                let note = "Stale: the script changed above the suggestion point. \(keyName("suggest")) for fresh ones."
                for line in wrapPaneText(note, width: region.width - 2) { body.append(PaneRow(text: line, role: .error)) }
            } else if let failure = suggestions.failure {
                for line in wrapPaneText(failure, width: region.width - 2) { body.append(PaneRow(text: line, role: .error)) }
            }
            body += candidateRows(textWidth: textWidth)
        }
        if suggestions.pending != nil {
            body.insert(PaneRow(text: "Editing in the script: \(keyName("suggestion_edit")) keeps, \(keyName("suggestion_reject")) drops",
                                role: .paneFocus), at: 0)
        }
        let footer = paneKeyHint(width: region.width - 1)
        let footerRows = region.height >= 6 && suggestions.focused != nil ? 1 : 0
        let visibleHeight = max(0, region.height - footerRows)
        var rows = header + body
        // Scroll so the focused candidate's header (and as much of it as fits) shows.
        if rows.count > visibleHeight, let focus = suggestions.focused?.index,
           let first = rows.firstIndex(where: { $0.candidate == focus }) {
            let last = rows.lastIndex(where: { $0.candidate == focus }) ?? first
            let top = min(first, max(0, last + 1 - visibleHeight), max(0, rows.count - visibleHeight))
            rows = Array(rows.dropFirst(max(0, min(first, top))))
        }
        let limit = region.left + region.width
        for (offset, row) in rows.prefix(visibleHeight).enumerated() {
            let y = region.top + offset
            if row.role == .paneFocus { grid.fill(row: y, from: region.left, to: limit, role: .paneFocus) }
            grid.write(" " + row.text, row: y, column: region.left, role: row.role, attributes: row.attributes, limit: limit)
        }
        if footerRows == 1 {
            let y = region.top + region.height - 1
            grid.fill(row: y, from: region.left, to: limit, role: .paneBorder)
            grid.write(" " + footer, row: y, column: region.left, role: .paneBorder, limit: limit)
        }
    }

    private func candidateRows(textWidth: Int) -> [PaneRow] {
        var rows: [PaneRow] = []
        let focus = suggestions.focused?.index
        for index in suggestions.openIndices {
            let candidate = suggestions.candidates[index]
            let focused = index == focus
            var label = "\(index + 1) \(focused ? "▸" : " ") \(candidate.status.label)"
            if case .failed(let message) = candidate.status, suggestions.failure == nil { label += ": " + message }
            if candidate.taken > 0 { label += " · part taken" }
            if let rate = candidate.tokensPerSecond, candidate.status == .streaming { label += " · \(Int(rate.rounded())) tok/s" }
            let stale: CellAttributes = suggestions.isStale ? [.dim] : []
            rows.append(PaneRow(text: label, role: focused ? .paneFocus : .paneTitle, attributes: stale, candidate: index))
            let remainder = String(candidate.remainder)
            // Leading line breaks are how the continuation starts (a new line or paragraph): show them once.
            let shown = remainder.drop { $0 == "\n" }
            var lines = shown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            while lines.last?.isEmpty == true { lines.removeLast() }
            if lines.isEmpty, !candidate.status.isFinal { lines = ["…"] }
            for line in lines {
                for piece in wrapPaneText(line, width: textWidth) {
                    rows.append(PaneRow(text: "  " + piece, role: .paneText, attributes: stale, candidate: index))
                }
            }
            rows.append(PaneRow(text: "", role: .paneText, candidate: index))
        }
        return rows
    }

    private func paneKeyHint(width: Int) -> String {
        let parts = [("suggestion_accept", "take"), ("suggestion_accept_word", "word"), ("suggestion_accept_line", "line"),
                     ("suggestion_edit", "edit"), ("suggestion_reject", "reject"), ("suggestion_next", "next")]
        var hint = ""
        for (command, label) in parts {
            guard let key = keymap.keys(for: command).first?.displayName else { continue }
            let part = (hint.isEmpty ? "" : " ") + key + " " + label
            if (hint + part).cellWidth > width { break }
            hint += part
        }
        return hint
    }

    /// Greedy word wrap to `width` cells (a word longer than a line is cut).
    func wrapPaneText(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        if text.isEmpty { return [""] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var word = String(word)
            var wordWidth = word.cellWidth
            let needed = currentWidth == 0 ? wordWidth : currentWidth + 1 + wordWidth
            if needed <= width {
                current += (currentWidth == 0 && current.isEmpty ? "" : " ") + word
                currentWidth = needed
                continue
            }
            if !current.isEmpty || currentWidth > 0 { lines.append(current) }
            current = ""
            currentWidth = 0
            while wordWidth > width {
                var head = ""
                var headWidth = 0
                for character in word {
                    let w = character.cellWidth == 4 ? 1 : character.cellWidth
                    if headWidth + w > width { break }
                    head.append(character)
                    headWidth += w
                }
                lines.append(head)
                word.removeFirst(head.count)
                wordWidth = word.cellWidth
            }
            current = word
            currentWidth = wordWidth
        }
        lines.append(current)
        return lines
    }

    /// The status bar's suggestion segment: rate while streaming, then the acceptance rate.
    func suggestionStatusText(paneShown: Bool) -> String? {
        var parts: [String] = []
        if !paneShown, let focused = suggestions.focused {
            let first = focused.remainder.drop { $0 == "\n" }.prefix { $0 != "\n" }
            parts.append("[\(focused.index + 1)/\(suggestions.openIndices.count)] \(first)")
        }
        if let rate = suggestions.tokensPerSecond { parts.append("\(Int(rate.rounded())) tok/s") }
        if let kept = suggestions.acceptanceRate { parts.append("\(Int((kept * 100).rounded()))% kept") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
