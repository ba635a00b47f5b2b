// MARK: - Enter/Tab element flow
//
// Enter at the end of a cue or parenthetical opens a dialogue line; at the
// end of dialogue, action, a heading or a transition it leaves a blank line
// and opens the next paragraph (action; a scene heading after a
// transition). Tab turns the cursor's line into the next element:
// action → character → transition → scene heading → action, and inside a
// dialogue block dialogue ⇄ parenthetical. Markup follows: cues are
// uppercased, forcing markers (`@`, `>`, `.`, `!`) are added only when the
// Fountain parser would otherwise read the line as something else, and
// removed when no longer needed.

extension Editor {
    func newlineWithFlow() {
        var head = state.selection.head
        let text = state.buffer[head.line]
        if state.selection.isEmpty, text.utf8.count - head.byte == 1, text.hasSuffix(")"), text.hasPrefix("(") {
            // Enter inside "(…|)" finishes the parenthetical.
            head.byte = text.utf8.count
            state.selection = Selection(cursor: head)
        }
        let isBlank = text.allSatisfy { $0 == " " || $0 == "\t" }
        guard state.selection.isEmpty, head.byte == text.utf8.count, !isBlank else {
            return insertPlainNewline()
        }
        let role = flowRole(ofLine: head.line)
        let nextBlank = head.line + 1 >= state.buffer.lineCount || state.buffer[head.line + 1].allSatisfy { $0 == " " || $0 == "\t" }
        let insert: String
        let next: StyleRole
        switch role {
        case .character, .parenthetical:
            insert = "\n"
            next = .dialogue
        case .transition:
            insert = nextBlank ? "\n\n" : "\n\n\n"
            next = .sceneHeading
        default:
            insert = nextBlank ? "\n\n" : "\n\n\n"
            next = .action
        }
        state.history.close()
        let target = TextPosition(line: head.line + 2 - (insert == "\n" ? 1 : 0), byte: 0)
        applyStep([(TextRange(at: head), insert)]) { _ in Selection(cursor: target) }
        state.pendingElement = (target.line, next)
    }

    /// The element a line plays for the flow: the parser's, except that an
    /// upper-case line after a blank is a cue being typed (no dialogue under it yet).
    func flowRole(ofLine line: Int) -> StyleRole {
        let role = effectiveStyle(ofLine: line).element
        if role == .action, looksLikeCueBeingTyped(line: line) { return .character }
        return role
    }

    func looksLikeCueBeingTyped(line: Int) -> Bool {
        let text = state.buffer[line]
        let previousBlank = line == 0 || state.buffer[line - 1].allSatisfy { $0 == " " || $0 == "\t" }
        let nextBlank = line + 1 >= state.buffer.lineCount || state.buffer[line + 1].allSatisfy { $0 == " " || $0 == "\t" }
        guard previousBlank, nextBlank else { return false }
        return FountainSyntax.wouldBeCharacterCue(text)
    }

    func tabKey() {
        if state.completion != nil { return acceptCompletion() }
        cycleElement(forward: true)
    }

    func cycleElement(forward: Bool) {
        let line = state.selection.head.line
        let text = state.buffer[line]
        let role = flowRole(ofLine: line)
        let inDialogue = [.dialogue, .parenthetical].contains(role) || (text.isEmpty && line > 0 && [.character, .dialogue, .parenthetical].contains(flowRole(ofLine: line - 1)))
        let cycle: [StyleRole] = inDialogue ? [.dialogue, .parenthetical] : [.action, .character, .transition, .sceneHeading]
        let index = cycle.firstIndex(of: role) ?? (forward ? cycle.count - 1 : 0)
        let target = cycle[(index + (forward ? 1 : cycle.count - 1)) % cycle.count]
        convertLine(line, from: role, to: target)
    }

    /// Rewrites a line as `target`, with blank line before when the element
    /// needs one, as one undo step.
    func convertLine(_ line: Int, from role: StyleRole, to target: StyleRole) {
        let text = state.buffer[line]
        let before = state.selection
        state.history.close()
        if text.allSatisfy({ $0 == " " || $0 == "\t" }) {
            // An empty line: remember the choice; a parenthetical gets its brackets.
            if target == .parenthetical {
                let edit = applyEdit(TextRange(TextPosition(line: line, byte: 0), TextPosition(line: line, byte: text.utf8.count)), "()")
                state.selection = Selection(cursor: TextPosition(line: line, byte: 1))
                state.history.recordStep([edit], before: before, after: state.selection)
            }
            state.pendingElement = (line, target)
            showMessage(Self.elementName(target))
            return
        }
        let bare = Self.bareText(text, role: role)
        var edits: [AppliedEdit] = []
        var currentLine = line
        if [.character, .sceneHeading, .transition].contains(target), line > 0,
           !state.buffer[line - 1].allSatisfy({ $0 == " " || $0 == "\t" }) {
            edits.append(applyEdit(TextRange(at: TextPosition(line: line, byte: 0)), "\n"))
            currentLine += 1
        }
        let plain = Self.markup(bare, for: target, forced: false)
        let lineRange = { (l: Int) in TextRange(TextPosition(line: l, byte: 0), TextPosition(line: l, byte: self.state.buffer[l].utf8.count)) }
        edits.append(applyEdit(lineRange(currentLine), plain))
        let parsed = syntax.style(ofLine: currentLine).element
        let awaitingDialogue = target == .character
            && (currentLine + 1 >= state.buffer.lineCount || state.buffer[currentLine + 1].allSatisfy { $0 == " " || $0 == "\t" })
        if parsed != target, !awaitingDialogue {
            let forced = Self.markup(bare, for: target, forced: true)
            if forced != plain { edits.append(applyEdit(lineRange(currentLine), forced)) }
        }
        state.selection = Selection(cursor: TextPosition(line: currentLine, byte: state.buffer[currentLine].utf8.count))
        state.goalColumn = nil
        state.history.recordStep(edits, before: before, after: state.selection)
        state.pendingElement = (currentLine, target)
        showMessage(Self.elementName(target))
        // A cue or heading just made may already be completable (mar → MAR|LOWE).
        if target == .character || target == .sceneHeading { updateCompletion() }
    }

    /// The line's words without this element's markup.
    static func bareText(_ text: String, role: StyleRole) -> String {
        var bare = Substring(text.drop { $0 == " " || $0 == "\t" })
        switch role {
        case .parenthetical:
            if bare.hasPrefix("(") { bare = bare.dropFirst() }
            if bare.hasSuffix(")") { bare = bare.dropLast() }
        case .centered:
            if bare.hasPrefix(">") { bare = bare.dropFirst() }
            if bare.hasSuffix("<") { bare = bare.dropLast() }
            bare = Substring(bare.trimmingCharacters(in: .whitespaces))
        default:
            if let first = bare.first, "@!>~".contains(first) { bare = bare.dropFirst() }
            else if bare.hasPrefix("."), !bare.hasPrefix("..") { bare = bare.dropFirst() }
        }
        return String(bare)
    }

    /// The text for `target`: upper case where the page shows it, brackets
    /// for parentheticals, and the forcing marker when `forced`.
    static func markup(_ bare: String, for target: StyleRole, forced: Bool) -> String {
        switch target {
        case .character: return (forced ? "@" : "") + bare.uppercased()
        case .transition: return (forced ? ">" : "") + bare.uppercased()
        case .sceneHeading: return (forced ? "." : "") + bare.uppercased()
        case .parenthetical: return "(" + bare + ")"
        case .action: return (forced ? "!" : "") + bare
        default: return bare
        }
    }

    static func elementName(_ role: StyleRole) -> String {
        switch role {
        case .sceneHeading: "Scene Heading"
        case .action: "Action"
        case .character: "Character"
        case .dialogue: "Dialogue"
        case .parenthetical: "Parenthetical"
        case .transition: "Transition"
        case .centered: "Centered"
        case .lyrics: "Lyrics"
        case .section: "Section"
        case .synopsis: "Synopsis"
        case .note: "Note"
        case .boneyard: "Boneyard"
        case .pageBreak: "Page Break"
        case .titlePage: "Title Page"
        default: "Text"
        }
    }
}

import Foundation
