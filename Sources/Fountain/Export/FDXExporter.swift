/// Writes a screenplay as a Final Draft `.fdx` document (reference/screenplay-layout.md):
/// paragraphs typed Scene Heading, Action, Character, Parenthetical, Dialogue,
/// Transition, Lyrics; emphasis as `<Text Style="Bold+Italic+Underline">` runs;
/// scene numbers in `Number`; centred text with `Alignment="Center"`; dual
/// dialogue inside `<DualDialogue>`; synopses as the scene's `<Summary>`;
/// notes as `<ScriptNote>`; forced page breaks as `StartsNewPage="Yes"`; the
/// title page in `<TitlePage>`.
///
/// Sections have no Final Draft paragraph type and are left out; boneyard is
/// never exported. A multi-line element stays one paragraph with its lines
/// separated by newlines inside the text.
public enum FDXExporter {
    public static func render(_ document: FountainDocument) -> String {
        var writer = Writer(document: document)
        writer.write()
        return writer.out
    }

    struct Writer {
        let document: FountainDocument
        var out = ""
        var startsNewPage = false
        /// Synopses that wait for the next scene heading (they usually sit under a section, before it).
        var pendingSynopses: [String] = []
        /// Synopses already written into the heading above them.
        var attached: Set<Int> = []

        init(document: FountainDocument) { self.document = document }

        mutating func write() {
            out += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?>\n"
            out += "<FinalDraft DocumentType=\"Script\" Template=\"No\" Version=\"5\">\n"
            out += "  <Content>\n"
            let elements = document.elements
            var i = 0
            while i < elements.count {
                let element = elements[i]
                if element.dual == .left {
                    // The pair starts the new page, not its first speaker inside it.
                    let attribute = pageBreakAttribute()
                    var j = i
                    var dual = ""
                    while j < elements.count, elements[j].dual != nil {
                        dual += paragraph(elements[j], indent: "        ")
                        j += 1
                    }
                    out += "    <Paragraph\(attribute)>\n      <DualDialogue>\n" + dual + "      </DualDialogue>\n    </Paragraph>\n"
                    i = j
                    continue
                }
                switch element.kind {
                case .pageBreak:
                    startsNewPage = true
                case .section, .boneyard:
                    break
                case .synopsis:
                    // Synopses right under a heading went into it; others wait for the next heading.
                    if !attached.contains(i) { pendingSynopses.append(synopsisText(element)) }
                case .sceneHeading:
                    var summaries = pendingSynopses
                    pendingSynopses.removeAll()
                    var k = i + 1
                    scan: while k < elements.count {
                        switch elements[k].kind {
                        case .synopsis:
                            summaries.append(synopsisText(elements[k]))
                            attached.insert(k)
                        case .note, .boneyard:
                            break
                        default:
                            break scan
                        }
                        k += 1
                    }
                    out += paragraph(element, indent: "    ", summaries: summaries)
                case .note:
                    out += "    <Paragraph Type=\"General\"\(pageBreakAttribute())>\n"
                    out += scriptNote(element.text, indent: "      ")
                    out += "    </Paragraph>\n"
                default:
                    out += paragraph(element, indent: "    ")
                }
                i += 1
            }
            for text in pendingSynopses {
                out += "    <Paragraph Type=\"General\">\n      <SceneProperties>\n" + summary(text, indent: "        ")
                    + "      </SceneProperties>\n    </Paragraph>\n"
            }
            out += "  </Content>\n"
            out += titlePage()
            out += "</FinalDraft>\n"
        }

        func synopsisText(_ element: Element) -> String {
            document.displayLines(of: element).map { $0.map(\.text).joined() }.joined(separator: " ")
        }

        func summary(_ text: String, indent: String) -> String {
            "\(indent)<Summary>\n\(indent)  <Paragraph>\n\(indent)    <Text>\(text.xmlEscaped)</Text>\n\(indent)  </Paragraph>\n\(indent)</Summary>\n"
        }

        mutating func pageBreakAttribute() -> String {
            defer { startsNewPage = false }
            return startsNewPage ? " StartsNewPage=\"Yes\"" : ""
        }

        func scriptNote(_ text: String, indent: String) -> String {
            "\(indent)<ScriptNote>\n\(indent)  <Paragraph>\n\(indent)    <Text>\(text.xmlEscaped)</Text>\n\(indent)  </Paragraph>\n\(indent)</ScriptNote>\n"
        }

        static func type(of kind: ElementKind) -> String {
            switch kind {
            case .sceneHeading: "Scene Heading"
            case .action, .centered: "Action"
            case .character: "Character"
            case .parenthetical: "Parenthetical"
            case .dialogue: "Dialogue"
            case .transition: "Transition"
            case .lyrics: "Lyrics"
            default: "General"
            }
        }

        static func styleName(_ style: TextStyle) -> String? {
            var names: [String] = []
            if style.contains(.bold) { names.append("Bold") }
            if style.contains(.italic) { names.append("Italic") }
            if style.contains(.underline) { names.append("Underline") }
            return names.isEmpty ? nil : names.joined(separator: "+")
        }

        static func textRuns(_ runs: [TextRun], indent: String) -> String {
            var s = ""
            for run in runs {
                if let style = styleName(run.style) {
                    s += "\(indent)<Text Style=\"\(style)\">\(run.text.xmlEscaped)</Text>\n"
                } else {
                    s += "\(indent)<Text>\(run.text.xmlEscaped)</Text>\n"
                }
            }
            return s
        }

        mutating func paragraph(_ element: Element, indent: String, summaries: [String] = []) -> String {
            var attributes = ""
            if case let .sceneHeading(number?) = element.kind { attributes += " Number=\"\(number.xmlEscaped)\"" }
            if case .centered = element.kind { attributes += " Alignment=\"Center\"" }
            attributes += pageBreakAttribute()
            var s = "\(indent)<Paragraph\(attributes) Type=\"\(Self.type(of: element.kind))\">\n"
            let lines = document.displayLines(of: element)
            var runs: [TextRun] = []
            var notes: [String] = []
            if case .character = element.kind {
                runs = [TextRun(document.cueText(element))]
            } else {
                for (index, line) in lines.enumerated() {
                    if index > 0 { runs.append(TextRun("\n")) }
                    let parts = line.separatingNotes()
                    runs += parts.runs
                    notes += parts.notes
                }
            }
            if case .sceneHeading = element.kind {
                runs = runs.map { TextRun($0.text.uppercased(), style: $0.style) }
            }
            if !summaries.isEmpty {
                s += "\(indent)  <SceneProperties>\n"
                for text in summaries { s += summary(text, indent: indent + "    ") }
                s += "\(indent)  </SceneProperties>\n"
            }
            s += Self.textRuns(runs.coalesced(), indent: indent + "  ")
            for note in notes { s += scriptNote(note, indent: indent + "  ") }
            s += "\(indent)</Paragraph>\n"
            return s
        }

        func titlePage() -> String {
            guard let block = document.titlePageBlock() else { return "" }
            var s = "  <TitlePage>\n    <Content>\n"
            func field(_ key: String, alignment: String) {
                for f in block.fields where f.key.lowercased() == key {
                    for line in f.lines {
                        s += "      <Paragraph Alignment=\"\(alignment)\">\n"
                        s += Self.textRuns(line, indent: "        ")
                        s += "      </Paragraph>\n"
                    }
                    s += "      <Paragraph Alignment=\"\(alignment)\">\n        <Text></Text>\n      </Paragraph>\n"
                }
            }
            for key in TitlePageLayout.centredKeys { field(key, alignment: "Center") }
            for key in TitlePageLayout.lowerLeftKeys { field(key, alignment: "Left") }
            s += "    </Content>\n  </TitlePage>\n"
            return s
        }
    }
}
