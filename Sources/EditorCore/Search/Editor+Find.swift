import Foundation

// MARK: - Find (case-insensitive, wraps) and replace (one by one, or all as one undo step)

extension Editor {
    /// Byte ranges of case-insensitive matches of `query` in a line.
    func matchRanges(of query: String, inLine line: Int) -> [Range<Int>] {
        guard !query.isEmpty else { return [] }
        let text = state.buffer[line]
        var ranges: [Range<Int>] = []
        var searchStart = text.startIndex
        while searchStart < text.endIndex,
              let found = text.range(of: query, options: [.caseInsensitive], range: searchStart..<text.endIndex) {
            let lower = text.utf8.distance(from: text.utf8.startIndex, to: found.lowerBound)
            let upper = text.utf8.distance(from: text.utf8.startIndex, to: found.upperBound)
            ranges.append(lower..<upper)
            searchStart = found.upperBound > found.lowerBound ? found.upperBound : text.index(after: found.lowerBound)
        }
        return ranges
    }

    func beginFind() {
        state.prompt = Prompt(kind: .find(origin: state.selection), label: "Find (↑↓ F3 prev/next, Enter done): ",
                              input: "")
        state.search.query = ""
    }

    /// Selects the next match after the cursor (or before it), wrapping.
    func findNext(forward: Bool) {
        guard !state.search.query.isEmpty else { return beginFind() }
        // From a bare cursor, skip the match it stands on.
        let from = forward
            ? (state.selection.isEmpty ? position(after: state.selection.head) : state.selection.range.end)
            : state.selection.range.start
        if !selectMatch(from: from, forward: forward, wrapMessage: true) {
            showError("Not found: \(state.search.query)")
        }
    }

    /// Selects the first match at/after (or before) `position`; false when none.
    @discardableResult
    func selectMatch(from position: TextPosition, forward: Bool, wrapMessage: Bool, wrap: Bool = true) -> Bool {
        let query = state.search.query
        let count = state.buffer.lineCount
        for step in 0...count {
            if !wrap, forward ? position.line + step >= count : position.line - step < 0 { break }
            let line = forward ? (position.line + step) % count : ((position.line - step) % count + count) % count
            let wrapped = forward ? position.line + step >= count : position.line - step < 0
            let ranges = matchRanges(of: query, inLine: line)
            let candidate: Range<Int>?
            if step == 0 {
                candidate = forward ? ranges.first { $0.lowerBound >= position.byte } : ranges.last { $0.lowerBound < position.byte }
            } else if step == count {
                candidate = forward ? ranges.first { $0.lowerBound < position.byte } : ranges.last { $0.lowerBound >= position.byte }
            } else {
                candidate = forward ? ranges.first : ranges.last
            }
            if let range = candidate {
                state.selection = Selection(anchor: TextPosition(line: line, byte: range.lowerBound),
                                            head: TextPosition(line: line, byte: range.upperBound))
                state.goalColumn = nil
                state.history.close()
                if wrapped, wrapMessage { showMessage(forward ? "Search wrapped to the top" : "Search wrapped to the bottom") }
                return true
            }
        }
        return false
    }

    func beginReplace() {
        let selected = state.selection.isEmpty || state.selection.anchor.line != state.selection.head.line
            ? state.search.query : state.buffer.text(in: state.selection.range)
        state.prompt = Prompt(kind: .replaceSearch, label: "Replace: ", input: selected)
    }

    func startReplacing(search: String, replacement: String) {
        state.search.query = search
        guard selectMatch(from: state.selection.range.start, forward: true, wrapMessage: false) else {
            return showError("Not found: \(search)")
        }
        state.prompt = Prompt(kind: .replaceStep(search: search, replacement: replacement, replaced: 0),
                              label: "Replace this? y yes, n skip, a all, Esc stop")
    }

    func stepReplace(search: String, replacement: String, replaced: Int, key: Key, letter: Character?) {
        switch letter {
        case "y":
            applyStep([(state.selection.range, replacement)])
            let after = state.selection.head
            if selectMatch(from: after, forward: true, wrapMessage: false, wrap: false) {
                state.prompt?.kind = .replaceStep(search: search, replacement: replacement, replaced: replaced + 1)
            } else {
                state.prompt = nil
                state.selection = Selection(cursor: after)
                showMessage("Replaced \(replaced + 1)")
            }
        case "n":
            if !selectMatch(from: state.selection.range.end, forward: true, wrapMessage: false, wrap: false) {
                state.prompt = nil
                state.selection = Selection(cursor: state.selection.head)
                showMessage("Replaced \(replaced)")
            }
        case "a":
            state.prompt = nil
            let count = replaceAll(search: search, replacement: replacement)
            showMessage("Replaced \(replaced + count)")
        default:
            if key == .escape || letter == "q" {
                state.prompt = nil
                state.selection = Selection(cursor: state.selection.head)
                showMessage(replaced == 0 ? "Nothing replaced" : "Replaced \(replaced)")
            }
        }
    }

    /// Replaces every match in the script as one undo step; returns the count.
    @discardableResult
    func replaceAll(search: String, replacement: String) -> Int {
        var changes: [(TextRange, String)] = []
        // Back to front so earlier ranges stay valid while applying.
        for line in stride(from: state.buffer.lineCount - 1, through: 0, by: -1) {
            for range in matchRanges(of: search, inLine: line).reversed() {
                changes.append((TextRange(TextPosition(line: line, byte: range.lowerBound), TextPosition(line: line, byte: range.upperBound)), replacement))
            }
        }
        guard !changes.isEmpty else { return 0 }
        let cursor = state.selection.head
        state.history.close()
        applyStep(changes) { _ in Selection(cursor: cursor) }
        return changes.count
    }
}
