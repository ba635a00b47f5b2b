/// Writes a screenplay as one standalone HTML page: the title page, every
/// element as a classed block in screenplay layout (embedded CSS, Courier,
/// page-column indents), emphasis as `<strong>`/`<em>`/`<u>`, dual dialogue
/// side by side, forced page breaks as page breaks when printed.
///
/// Notes are shown as highlighted margin remarks on screen and hidden when
/// printed; sections and synopses are in the markup (for outlines and
/// anchors) but hidden by the stylesheet; boneyard is never written.
public enum HTMLExporter {
    public static func render(_ document: FountainDocument) -> String {
        let title = document.titlePage.first { $0.key.lowercased() == "title" }
            .map { FountainDocument.styledTitleLine($0.value.split(separator: "\n").joined(separator: " ")).plainText }
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="generator" content="Intercut">
            <title>\((title?.isEmpty == false ? title! : "Screenplay").xmlEscaped)</title>
            <style>
            \(stylesheet)</style>
            </head>
            <body>

            """
        if let titlePage = titlePageHTML(document) { out += titlePage }
        out += "<article class=\"screenplay\">\n"
        let elements = document.elements
        var i = 0
        while i < elements.count {
            let element = elements[i]
            if element.dual == .left {
                out += "<div class=\"dual-dialogue\">\n<div class=\"dialogue-block left\">\n"
                var j = i
                var side = DualSide.left
                while j < elements.count, let d = elements[j].dual {
                    if d != side {
                        out += "</div>\n<div class=\"dialogue-block right\">\n"
                        side = d
                    }
                    out += block(elements[j], document)
                    j += 1
                }
                out += "</div>\n</div>\n"
                i = j
                continue
            }
            if case .character = element.kind {
                out += "<div class=\"dialogue-block\">\n"
                out += block(element, document)
                var j = i + 1
                var end = element.lines.upperBound
                while j < elements.count {
                    let next = elements[j]
                    let inSpeech: Bool
                    switch next.kind {
                    case .parenthetical, .dialogue: inSpeech = true
                    case .lyrics: inSpeech = next.lines.lowerBound == end
                    default: inSpeech = false
                    }
                    if !inSpeech { break }
                    out += block(next, document)
                    end = next.lines.upperBound
                    j += 1
                }
                out += "</div>\n"
                i = j
                continue
            }
            out += block(element, document)
            i += 1
        }
        out += "</article>\n</body>\n</html>\n"
        return out
    }

    static func className(_ kind: ElementKind) -> String {
        switch kind {
        case .sceneHeading: "scene-heading"
        case .action: "action"
        case .centered: "centered"
        case .character: "character"
        case .parenthetical: "parenthetical"
        case .dialogue: "dialogue"
        case .transition: "transition"
        case .lyrics: "lyrics"
        case .pageBreak: "page-break"
        case .section: "section"
        case .synopsis: "synopsis"
        case .note: "note"
        case .boneyard: "boneyard"
        }
    }

    static func block(_ element: Element, _ document: FountainDocument) -> String {
        let cls = className(element.kind)
        switch element.kind {
        case .boneyard:
            return ""
        case .pageBreak:
            return "<hr class=\"page-break\">\n"
        case let .sceneHeading(number):
            let id = number.map { " id=\"scene-\($0.xmlEscaped)\"" } ?? ""
            let num = number.map { "<span class=\"scene-number\">\($0.xmlEscaped)</span>" } ?? ""
            return "<h3 class=\"\(cls)\"\(id)>\(num)\(inline(document.displayLines(of: element), uppercase: true))</h3>\n"
        case let .section(depth):
            let level = min(depth + 1, 6)
            return "<h\(level) class=\"section depth-\(depth)\">\(element.text.xmlEscaped)</h\(level)>\n"
        case .character:
            return "<p class=\"character\">\(document.cueText(element).xmlEscaped)</p>\n"
        case .note:
            return "<aside class=\"note\">\(element.text.xmlEscaped.replacingNewlines)</aside>\n"
        default:
            return "<p class=\"\(cls)\">\(inline(document.displayLines(of: element), uppercase: false))</p>\n"
        }
    }

    /// Styled lines as inline HTML, lines separated by `<br>`, notes as marked spans.
    static func inline(_ lines: [[DisplayRun]], uppercase: Bool) -> String {
        lines.map { line in
            line.map { run in
                var text = (uppercase ? run.text.uppercased() : run.text).xmlEscaped
                if run.isNote { return "<span class=\"note\">\(text)</span>" }
                if run.style.contains(.underline) { text = "<u>\(text)</u>" }
                if run.style.contains(.italic) { text = "<em>\(text)</em>" }
                if run.style.contains(.bold) { text = "<strong>\(text)</strong>" }
                return text
            }.joined()
        }.joined(separator: "<br>\n")
    }

    static func titlePageHTML(_ document: FountainDocument) -> String? {
        guard let block = document.titlePageBlock() else { return nil }
        func html(_ lines: [[TextRun]]) -> String {
            inline(lines.map { $0.map { DisplayRun(text: $0.text, style: $0.style, isNote: false) } }, uppercase: false)
        }
        var s = "<section class=\"title-page\">\n<div class=\"title-block\">\n"
        for key in TitlePageLayout.centredKeys {
            for field in block.fields where field.key.lowercased() == key {
                s += "<p class=\"\(key)\">\(html(field.lines))</p>\n"
            }
        }
        s += "</div>\n<div class=\"contact-block\">\n"
        for key in TitlePageLayout.lowerLeftKeys {
            for field in block.fields where field.key.lowercased() == key {
                s += "<p class=\"\(key.replacingSpaces)\">\(html(field.lines))</p>\n"
            }
        }
        s += "</div>\n</section>\n"
        return s
    }

    /// Page columns from reference/screenplay-layout.md, measured from the 1.5" left margin.
    static let stylesheet = """
        body { background: #e8e6e1; margin: 0; padding: 2rem 0; }
        .screenplay, .title-page { font-family: "Courier Prime", Courier, "Courier New", monospace; font-size: 12pt;
          line-height: 1; background: #fff; color: #111; width: 8.5in; box-sizing: border-box;
          margin: 0 auto 2rem; padding: 1in 1in 1in 1.5in; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
        .screenplay p, .screenplay h3 { margin: 0 0 1em; font-size: 12pt; font-weight: normal; }
        .title-page { min-height: 11in; display: flex; flex-direction: column; justify-content: space-between; }
        .title-block { text-align: center; margin-top: 2.5in; }
        .title-block p, .contact-block p { margin: 0 0 1em; }
        .scene-heading { text-transform: uppercase; position: relative; }
        .scene-number { position: absolute; left: -0.75in; }
        .scene-number::after { content: ""; }
        .action, .lyrics { white-space: pre-wrap; }
        .lyrics { font-style: italic; }
        .centered { text-align: center; }
        .transition { text-align: right; text-transform: uppercase; }
        .dialogue-block { margin: 0 0 1em; }
        .dialogue-block p { margin: 0; }
        .character { margin-left: 2in !important; text-transform: uppercase; }
        .parenthetical { margin-left: 1.5in !important; width: 2.6in; }
        .dialogue-block .dialogue, .dialogue-block .lyrics { margin-left: 1in !important; width: 3.6in; }
        .dual-dialogue { display: flex; gap: 0.25in; margin: 0 0 1em; }
        .dual-dialogue .dialogue-block { flex: 1; margin: 0; }
        .dual-dialogue .character { margin-left: 0.7in !important; }
        .dual-dialogue .parenthetical { margin-left: 0.35in !important; width: auto; }
        .dual-dialogue .dialogue, .dual-dialogue .lyrics { margin-left: 0 !important; width: auto; }
        .page-break { border: 0; border-top: 1px dashed #bbb; margin: 2em -1in 2em -1.5in; }
        .section, .synopsis { display: none; }
        aside.note, span.note { background: #fff4a8; color: #5a4d00; font-family: sans-serif; font-size: 9pt; }
        aside.note { display: block; margin: 0 0 1em; padding: .3em .5em; border-left: 3px solid #e0c400; }
        @media print {
          body { background: none; padding: 0; }
          .screenplay, .title-page { box-shadow: none; margin: 0; width: auto; padding: 0; }
          .title-page { page-break-after: always; min-height: 9in; }
          .page-break { page-break-after: always; border: 0; margin: 0; }
          aside.note, span.note { display: none; }
          @page { size: letter; margin: 1in 1in 1in 1.5in; }
        }

        """
}

extension String {
    var replacingNewlines: String { split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>\n") }
    var replacingSpaces: String { String(map { $0 == " " ? "-" : $0 }) }
}
