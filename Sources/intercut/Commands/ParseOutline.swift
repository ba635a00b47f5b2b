import Fountain

/// The readable outline `intercut parse` prints without --json: one row per
/// element with its line number, structure shown by indentation.
enum ParseOutline {
    static func render(_ doc: FountainDocument) -> String {
        var out = ""
        if !doc.titlePage.isEmpty {
            out += "Title page\n"
            for e in doc.titlePage {
                out += "  \(e.key): \(e.value.replacingOccurrences(of: "\n", with: " / "))\n"
            }
            out += "\n"
        }
        let width = String(doc.source.lineCount).count
        var scenes = 0
        for e in doc.elements {
            let line = String(repeating: " ", count: width - String(e.lineNumber).count) + String(e.lineNumber)
            let label: String
            var text = e.text
            switch e.kind {
            case .sceneHeading(let number):
                scenes += 1
                label = "SCENE " + (number ?? String(scenes))
            case .action: label = "  action"
            case .centered: label = "  centered"
            case .character(_, _, _):
                label = e.dual == nil ? "    character" : "    character (dual \(e.dual == .left ? "left" : "right"))"
            case .parenthetical: label = "      parenthetical"
            case .dialogue: label = "      dialogue"
            case .transition: label = "  transition"
            case .lyrics: label = "  lyrics"
            case .pageBreak: label = "  page break"; text = ""
            case .section(let depth): label = String(repeating: "#", count: depth) + " section"
            case .synopsis: label = "  synopsis"
            case .note: label = "  note"
            case .boneyard: label = "  boneyard"; text = "(\(e.lines.count) line\(e.lines.count == 1 ? "" : "s") hidden)"
            }
            out += "\(line)  \(label)  \(summary(text))\n"
        }
        out += "\n\(doc.elements.count) elements, \(scenes) scene\(scenes == 1 ? "" : "s"), \(doc.source.lineCount) lines\n"
        return out
    }

    /// First line of the text, cut to fit a terminal row.
    static func summary(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var first = String(lines.first ?? "")
        if first.count > 60 { first = String(first.prefix(59)) + "…" }
        if lines.count > 1 { first += "  (+\(lines.count - 1) line\(lines.count == 2 ? "" : "s"))" }
        return first
    }
}
