// MARK: - Autocomplete: character names in cues, scene-heading parts in headings
//
// Shown as dimmed ghost text after the cursor, with a popup when there is
// more than one candidate. Tab or Right (at the end of the line) accepts;
// Up/Down choose in the popup; Esc or any other command dismisses.

extension Editor {
    static let headingPrefixes = ["INT.", "EXT.", "INT./EXT.", "EXT./INT.", "I/E."]
    static let transitions = ["CUT TO:", "DISSOLVE TO:", "SMASH CUT TO:", "MATCH CUT TO:", "JUMP CUT TO:",
                              "FADE OUT.", "FADE TO BLACK.", "FADE IN:"]
    static let cueExtensions = ["V.O.", "O.S.", "O.C.", "CONT'D"]
    static let timesOfDay = ["DAY", "NIGHT", "CONTINUOUS", "LATER", "MOMENTS LATER", "MORNING", "AFTERNOON",
                             "EVENING", "DAWN", "DUSK", "SAME"]

    /// Runs after typed text: cue lines upper-case as typed, then completion refreshes.
    func afterTyping() {
        updateCompletion()
    }

    func updateCompletion() {
        state.completion = nil
        let head = state.selection.head
        let text = state.buffer[head.line]
        guard state.selection.isEmpty, head.byte == text.utf8.count, !text.isEmpty else { return }
        let role = flowRole(ofLine: head.line)
        let previousBlank = head.line == 0 || state.buffer[head.line - 1].allSatisfy { $0 == " " || $0 == "\t" }
        if role == .character {
            completeCue(text, line: head.line)
        } else if role == .transition {
            let typed = String(text.drop { $0 == " " || $0 == ">" })
            let options = Self.transitions.filter { $0.hasPrefix(typed.uppercased()) && $0 != typed.uppercased() }
            offer(options, typed: typed, line: head.line, startByte: text.utf8.count - typed.utf8.count)
        } else if role == .sceneHeading || (previousBlank && Self.headingPrefixes.contains { $0.hasPrefix(text.uppercased()) || text.uppercased().hasPrefix($0) }) {
            completeHeading(text, line: head.line)
        }
    }

    private func completeCue(_ text: String, line: Int) {
        let leading = text.prefix { $0 == " " || $0 == "\t" || $0 == "@" }
        let typed = String(text.dropFirst(leading.count))
        guard !typed.isEmpty else { return }
        if let open = typed.lastIndex(of: "("), !typed[open...].contains(")") {
            // An extension: VERA (V → VERA (V.O.)
            let partial = String(typed[typed.index(after: open)...])
            let options = Self.cueExtensions.map { $0 + ")" }.filter { $0.hasPrefix(partial.uppercased()) }
            offer(options, typed: partial, line: line, startByte: text.utf8.count - partial.utf8.count)
            return
        }
        let upper = typed.uppercased()
        let names = syntax.cast(excludingLine: line).filter { $0.uppercased().hasPrefix(upper) && $0.uppercased() != upper }
        offer(names, typed: typed, line: line, startByte: leading.utf8.count)
    }

    private func completeHeading(_ text: String, line: Int) {
        let upper = text.uppercased()
        let leading = text.prefix { $0 == " " || $0 == "." && !text.hasPrefix("..") }
        guard let prefix = Self.headingPrefixes.sorted(by: { $0.count > $1.count }).first(where: { upper.dropFirst(leading.count).hasPrefix($0 + " ") }) else {
            // Still typing INT./EXT.
            let typed = String(text.dropFirst(leading.count))
            guard !typed.isEmpty else { return }
            let options = Self.headingPrefixes.filter { $0.hasPrefix(typed.uppercased()) && $0 != typed.uppercased() }.map { $0 + " " }
            return offer(options, typed: typed, line: line, startByte: leading.utf8.count)
        }
        let afterPrefix = leading.utf8.count + prefix.utf8.count + 1
        let rest = String(text.slice(bytes: afterPrefix..<text.utf8.count))
        let parts = syntax.headingParts(excludingLine: line)
        if let dash = rest.range(of: " - ", options: .backwards) {
            let typed = String(rest[dash.upperBound...])
            let times = (Self.timesOfDay + parts.times).uniqued()
            let options = times.filter { $0.hasPrefix(typed.uppercased()) && $0 != typed.uppercased() }
            offer(options, typed: typed, line: line, startByte: text.utf8.count - typed.utf8.count)
        } else {
            let options = parts.locations.filter { $0.hasPrefix(rest.uppercased()) && $0 != rest.uppercased() }
            offer(options, typed: rest, line: line, startByte: afterPrefix)
        }
    }

    private func offer(_ candidates: [String], typed: String, line: Int, startByte: Int) {
        guard !candidates.isEmpty else { return }
        state.completion = Completion(line: line, startByte: startByte, typed: typed, candidates: Array(candidates.prefix(50)))
    }

    /// Inserts the rest of the chosen candidate (in its own case for the
    /// typed part too, so "mar" becomes "MARLOWE").
    func acceptCompletion() {
        guard let completion = state.completion else { return }
        let head = state.selection.head
        let chosen = completion.candidates[completion.selected]
        state.completion = nil
        state.history.close()
        let range = TextRange(TextPosition(line: completion.line, byte: completion.startByte), head)
        applyStep([(range, chosen)])
        updateCompletion()
    }

    func rightKey() {
        if state.completion != nil, state.selection.isEmpty { return acceptCompletion() }
        moveRight(extend: false)
    }

    func upKey() {
        if var completion = state.completion, completion.candidates.count > 1 {
            completion.selected = (completion.selected + completion.candidates.count - 1) % completion.candidates.count
            state.completion = completion
            return
        }
        state.completion = nil
        moveVertically(rows: -1, extend: false)
    }

    func downKey() {
        if var completion = state.completion, completion.candidates.count > 1 {
            completion.selected = (completion.selected + 1) % completion.candidates.count
            state.completion = completion
            return
        }
        state.completion = nil
        moveVertically(rows: 1, extend: false)
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

import Foundation
