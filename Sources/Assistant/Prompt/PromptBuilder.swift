import Foundation
import Fountain

/// Builds the prompt for a ``SuggestionAsk`` from the screenplay.
///
/// Layout, top to bottom (every part is Fountain, so a base model reads it
/// as more screenplay):
/// 1. the title page, verbatim;
/// 2. whole scenes before the current one, as many of the nearest as fit the
///    budget (contiguous, so the script reads on without gaps);
/// 3. a note naming the cast, `[[Cast: MARLOWE, VERA]]`;
/// 4. the current scene from its heading to the cursor (its start is cut
///    at a line boundary only if the scene alone exceeds the budget);
/// 5. for a completion model, the writer's direction as a note before the
///    paragraph at the cursor, `[[Vera lies.]]`;
/// 6. for an element ask, the lead: the blank line and cue ("VERA\n") the
///    candidates then continue; on the one blank line right under a
///    paragraph, the line break that makes it a separator (see
///    ``separatorLead(lines:cursorLine:newlinesBefore:)``).
///
/// Parts 1–3 change rarely and part 4 only at its end as the writer types,
/// so consecutive prompts share all but their last tokens: the embedded
/// engine re-evaluates only those (prefix reuse). The cast note sits after
/// the older scenes, not before them, so a new character name changes only
/// the prompt's tail. Which older scenes fit changes only when the script
/// grows by about a scene, and then costs one full evaluation.
///
/// The budget is ``SuggestionSettings/contextBudget`` and, for a backend
/// that knows its context, never more than the context minus room for all
/// candidates' tokens.
public struct PromptBuilder: Sendable {
    public var settings: SuggestionSettings
    public var budget: TokenBudget

    public init(settings: SuggestionSettings, budget: TokenBudget) {
        self.settings = settings
        self.budget = budget
    }

    /// The most prompt tokens for `count` candidates.
    func tokenLimit(candidates count: Int) -> Int {
        var limit = settings.contextBudget
        if let context = budget.contextLength {
            // One BOS and a few tokens of slack where separately counted parts join.
            limit = min(limit, context - count * settings.maxTokens - 8)
        }
        return max(16, limit)
    }

    public func build(_ ask: SuggestionAsk) -> BuiltPrompt {
        // Split as UTF-8: splitting by Character runs grapheme breaking over the whole script.
        let lines = ask.script.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        let cursorLine = min(max(0, ask.cursorLine), max(0, lines.count - 1))
        let cursorText = lines.isEmpty ? "" : String(lines[cursorLine].prefix(max(0, ask.cursorColumn)))
        let document = FountainDocument(parsing: ask.script)
        let cast = Self.cast(of: document)
        let titleEnd = document.titlePage.map(\.lines.upperBound).max() ?? 0

        let newlines = Self.newlinesBeforeCursor(lines: lines, cursorLine: cursorLine, cursorText: cursorText)
        let atStart = cursorLine == 0 && cursorText.isEmpty
        let lead = ask.element == nil && !atStart
            ? Self.separatorLead(lines: lines, cursorLine: cursorLine, newlinesBefore: newlines)
            : Self.lead(for: ask.element, newlinesBefore: atStart ? 2 : newlines)

        // The cursor inside the title page: nothing to structure.
        if cursorLine < titleEnd {
            let text = lines[0..<cursorLine].map { $0 + "\n" }.joined() + cursorText + lead
            return BuiltPrompt(text: text, lead: lead, newlinesBeforeCursor: newlines, cast: cast,
                               tokenCount: budget.count(text) + 1, firstIncludedLine: 0)
        }

        let headings = document.elements.compactMap { element -> Int? in
            if case .sceneHeading = element.kind { return element.lines.lowerBound }
            return nil
        }
        let bodyStart = (titleEnd..<max(titleEnd, cursorLine)).first { !Self.isBlank(lines[$0]) } ?? cursorLine
        let sceneStart = max(bodyStart, headings.last { $0 <= cursorLine } ?? bodyStart)

        let title = titleEnd > 0 ? lines[0..<titleEnd].joined(separator: "\n") + "\n\n" : ""
        let castNote = cast.isEmpty ? "" : "[[Cast: \(cast.joined(separator: ", "))]]\n\n"
        var scene = Array(lines[sceneStart..<cursorLine]) + [cursorText]
        var note = ""
        if settings.promptStyle == .completion, let direction = ask.direction?.trimmingCharacters(in: .whitespaces),
           !direction.isEmpty {
            note = "[[\(direction)]]"
        }

        let limit = tokenLimit(candidates: ask.count)
        var used = 1 + budget.count(castNote) + budget.count(note) + 2 + budget.count(lead)
        var sceneTokens = budget.count(scene.joined(separator: "\n"))
        var firstIncluded = sceneStart
        if used + sceneTokens > limit {
            // The scene alone is too long: keep its end, whole lines.
            let fitted = Self.fitTail(scene, limit: limit - used, budget: budget)
            firstIncluded += scene.count - fitted.lines.count
            scene = fitted.lines
            sceneTokens = fitted.tokens
        }
        used += sceneTokens
        var titlePart = ""
        if !title.isEmpty, used + budget.count(title) <= limit {
            titlePart = title
            used += budget.count(title)
        }
        // Older scenes, nearest first, while they fit.
        var older: [String] = []
        if firstIncluded == sceneStart {
            var starts = [bodyStart] + headings.filter { $0 > bodyStart && $0 < sceneStart }
            starts.append(sceneStart)
            for i in stride(from: starts.count - 2, through: 0, by: -1) where starts[i] < starts[i + 1] {
                let chunk = lines[starts[i]..<starts[i + 1]].joined(separator: "\n")
                let tokens = budget.count(chunk) + 1
                guard used + tokens <= limit else { break }
                used += tokens
                older.insert(chunk, at: 0)
                firstIncluded = starts[i]
            }
        }

        var text = titlePart
        for chunk in older { text += Self.asBlock(chunk) }
        text += castNote
        text += Self.withNote(note, scene: scene)
        text += lead
        return BuiltPrompt(text: text, lead: lead, newlinesBeforeCursor: newlines, cast: cast,
                           tokenCount: used, firstIncludedLine: firstIncluded)
    }

    // MARK: - Parts

    /// Character names in order of first appearance, upper-cased, unique.
    static func cast(of document: FountainDocument) -> [String] {
        var seen = Set<String>()
        var names: [String] = []
        for element in document.elements {
            guard case .character(let name, _, _) = element.kind else { continue }
            let upper = name.trimmingCharacters(in: .whitespaces).uppercased()
            if !upper.isEmpty, seen.insert(upper).inserted { names.append(upper) }
        }
        return names
    }

    /// The text a candidate of an element ask starts with: enough line
    /// breaks for a new block after the cursor, then the cue.
    static func lead(for element: ElementAsk?, newlinesBefore: Int) -> String {
        guard let element else { return "" }
        let breaks = String(repeating: "\n", count: max(0, 2 - newlinesBefore))
        switch element {
        case .dialogue(let character):
            let cue = character.trimmingCharacters(in: .whitespaces).uppercased()
            return breaks + cue + "\n"
        case .action:
            return breaks
        }
    }

    /// The lead of a plain ask with the cursor on an empty line right under
    /// a paragraph: "\n" (the prompt then ends with a blank line, so the
    /// model starts a new element, and every candidate starts with the line
    /// break the buffer lacks, so the element is inserted one blank line
    /// below the paragraph), unless that paragraph is a dialogue block: under
    /// a cue, a parenthetical or a line of speech the block goes on, so the
    /// prompt ends with one line break and the model continues the speech.
    /// Anywhere else: "" (the cursor's own line or paragraph continues, or
    /// there already is a blank line).
    static func separatorLead(lines: [String], cursorLine: Int, newlinesBefore: Int) -> String {
        guard newlinesBefore == 1, cursorLine >= 1, isBlank(lines[cursorLine]) else { return "" }
        var start = cursorLine - 1
        while start > 0, !isBlank(lines[start - 1]) { start -= 1 }
        // A lone cue is one the writer just typed (Enter after a cue opens
        // the speech line below it).
        let dialogue = start + 1 < cursorLine ? ScreenplayLine.isCue(lines[start], followedBy: lines[start + 1])
                                              : ScreenplayLine.isCueAwaitingSpeech(lines[start])
        return dialogue ? "" : "\n"
    }

    /// The current scene's lines (the last one is the cursor line up to the
    /// cursor) with the direction note as its own paragraph before the
    /// paragraph at the cursor.
    static func withNote(_ note: String, scene: [String]) -> String {
        guard !note.isEmpty else { return scene.joined(separator: "\n") }
        // The paragraph at the cursor starts after the last blank line before it.
        let paragraphStart = (scene.lastIndex { isBlank($0) }).map { $0 + 1 } ?? 0
        let paragraph = scene[paragraphStart...].joined(separator: "\n")
        if paragraph.isEmpty {
            // A fresh line: the note goes last, followed by as many line
            // breaks as the buffer has before the cursor.
            var head = scene.joined(separator: "\n")
            let breaks = trailingNewlines(head)
            while head.last?.isWhitespace == true { head.removeLast() }
            return (head.isEmpty ? "" : head + "\n\n") + note + String(repeating: "\n", count: max(1, breaks))
        }
        var head = scene[..<paragraphStart].joined(separator: "\n")
        while head.last?.isWhitespace == true { head.removeLast() }
        return (head.isEmpty ? "" : head + "\n\n") + note + "\n\n" + paragraph
    }

    /// `chunk` followed by exactly one blank line.
    static func asBlock(_ chunk: String) -> String {
        var text = chunk
        while text.hasSuffix("\n") || text.hasSuffix(" ") { text.removeLast() }
        return text + "\n\n"
    }

    /// The longest tail of `lines` whose text fits `limit` tokens.
    static func fitTail(_ lines: [String], limit: Int, budget: TokenBudget) -> (lines: [String], tokens: Int) {
        var total = 0
        var start = lines.count
        while start > 0 {
            let tokens = budget.count(lines[start - 1]) + 1
            if total + tokens > limit && start < lines.count { break }
            total += tokens
            start -= 1
        }
        return (Array(lines[start...]), total)
    }

    /// Line breaks between the last text before the cursor and the cursor
    /// (blank lines count; spaces and tabs on them are ignored).
    static func newlinesBeforeCursor(lines: [String], cursorLine: Int, cursorText: String) -> Int {
        guard isBlank(cursorText) else { return 0 }
        var count = 0
        var line = cursorLine - 1
        while line >= 0 {
            count += 1
            if !isBlank(lines[line]) { break }
            line -= 1
        }
        return count
    }

    /// Line breaks at the end of `text`, ignoring spaces and tabs between them.
    static func trailingNewlines(_ text: String) -> Int {
        var count = 0
        for character in text.reversed() {
            if character == "\n" { count += 1 } else if character != " " && character != "\t" { break }
        }
        return count
    }

    static func isBlank(_ line: String) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }
}
