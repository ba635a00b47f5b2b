import Foundation

/// Accumulates Fountain blocks (separated by blank lines) from FDX
/// paragraphs: one paragraph at a time, keeping a speech (cue,
/// parentheticals, lines, sung lines) together until another type ends it.
struct FountainBlockWriter {
    private var blocks: [String] = []
    /// The lines of the dialogue block being built (cue, parentheticals, lines).
    private var dialogue: [String]?
    private var unknownTypes: [String] = []
    var hasTitlePage = false
    private(set) var warnings: [String] = []

    mutating func add(_ paragraph: XMLNode, inDual: Bool = false) {
        if let dual = paragraph.child("DualDialogue") {
            closeDialogue()
            var cues = 0
            for inner in dual.children("Paragraph") {
                let isCue = inner.attributes["Type"] == "Character"
                if isCue { cues += 1 }
                add(inner, inDual: isCue && cues >= 2)
            }
            return
        }
        let type = paragraph.attributes["Type"] ?? "General"
        let styled = FDXStyledText(paragraph: paragraph)
        let plain = styled.plain
        let notes = Self.notes(in: paragraph)
        // A paragraph holding only a note is a standalone `[[…]]` note.
        let body = notes.isEmpty ? styled.fountain : String(styled.fountain.reversed().drop { $0 == " " }.reversed())
        let text = styled.plain.isEmpty && !notes.isEmpty ? String(notes.dropFirst()) : body + notes
        if paragraph.attributes["StartsNewPage"] == "Yes" && !(blocks.isEmpty && dialogue == nil) {
            closeDialogue()
            blocks.append("===")
        }
        if plain.trimmingCharacters(in: .whitespaces).isEmpty && notes.isEmpty && type != "Scene Heading" { return }
        let centered = paragraph.attributes["Alignment"] == "Center"

        switch type {
        case "Scene Heading":
            closeDialogue()
            var heading = text
            if plain.hasPrefix(".") { heading.removeFirst() }
            if !FountainForms.isSceneHeading(plain) { heading = "." + heading }
            if let number = paragraph.attributes["Number"], FountainForms.isSceneNumber(number) {
                heading += " #\(number)#"
            }
            blocks.append(heading)
            let synopses = Self.summary(of: paragraph)
            if !synopses.isEmpty { blocks.append(synopses.map { "= " + $0 }.joined(separator: "\n")) }
        case "Character":
            closeDialogue()
            var cue = FountainForms.isCharacterCue(plain) ? text : "@" + text
            if inDual { cue += " ^" }
            dialogue = [cue]
        case "Parenthetical" where dialogue != nil:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            dialogue!.append(trimmed.hasPrefix("(") ? trimmed : "(" + trimmed + ")")
        case "Dialogue" where dialogue != nil:
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                dialogue!.append(line.isEmpty ? "  " : String(line))
            }
        case "Transition":
            closeDialogue()
            blocks.append(FountainForms.isTransition(plain) ? text : ">" + text)
        case "Lyrics" where dialogue != nil:
            // Sung lines inside a speech stay in it (`~` lines under the cue).
            dialogue! += text.split(separator: "\n", omittingEmptySubsequences: false).map { "~" + $0 }
        case "Lyrics":
            closeDialogue()
            blocks.append(text.split(separator: "\n", omittingEmptySubsequences: false).map { "~" + $0 }.joined(separator: "\n"))
        case "New Act", "End of Act":
            closeDialogue()
            blocks.append(Self.centered(text))
        case "Outline Body":
            closeDialogue()
            blocks.append(text.split(separator: "\n").map { "= " + $0 }.joined(separator: "\n"))
        case let outline where outline.hasPrefix("Outline "):
            closeDialogue()
            let depth = min(max(Int(outline.dropFirst(8)) ?? 1, 1), 6)
            blocks.append(String(repeating: "#", count: depth) + " " + text.replacingOccurrences(of: "\n", with: " "))
        default:
            closeDialogue()
            let known = ["Action", "General", "Shot", "Cast List", "Parenthetical", "Dialogue"]
            if !known.contains(type) && !unknownTypes.contains(type) {
                unknownTypes.append(type)
                warnings.append("unknown FDX paragraph type \"\(type)\" imported as action")
            }
            if centered {
                blocks.append(Self.centered(text))
            } else {
                let first = blocks.isEmpty && !hasTitlePage
                blocks.append(FountainForms.action(text, plain: plain, firstInFile: first))
            }
        }
    }

    /// The blocks joined by blank lines, with a final newline.
    mutating func finished() -> String {
        closeDialogue()
        return blocks.isEmpty ? "" : blocks.joined(separator: "\n\n") + "\n"
    }

    private mutating func closeDialogue() {
        if let lines = dialogue { blocks.append(lines.joined(separator: "\n")) }
        dialogue = nil
    }

    private static func centered(_ text: String) -> String {
        text.split(separator: "\n").map { "> " + $0.trimmingCharacters(in: .whitespaces) + " <" }.joined(separator: "\n")
    }

    /// `[[…]]` for each ScriptNote inside the paragraph, with a leading space.
    private static func notes(in paragraph: XMLNode) -> String {
        var out = ""
        for note in paragraph.children("ScriptNote") {
            // A blank line inside a note needs two spaces to stay in it.
            let text = note.children("Paragraph").map { FDXStyledText(paragraph: $0).plain }
                .filter { !$0.isEmpty }.joined(separator: "\n\n")
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).isEmpty ? "  " : String($0) }
                .joined(separator: "\n")
            if !text.isEmpty { out += " [[" + text + "]]" }
        }
        return out
    }

    private static func summary(of paragraph: XMLNode) -> [String] {
        guard let summary = paragraph.child("SceneProperties")?.child("Summary") else { return [] }
        return summary.children("Paragraph").map { FDXStyledText(paragraph: $0).fountain }
            .flatMap { $0.split(separator: "\n").map(String.init) }
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
