extension FountainDocument {
    /// The script laid out on `paper` (US Letter by default): the page model
    /// that page counts, plain-text and PDF export share.
    public func layout(paper: PaperSize = .letter) -> ScreenplayLayout {
        ScreenplayLayout(blocks: layoutBlocks(), titlePage: titlePageBlock(), paper: paper)
    }

    /// The printable blocks: sections, synopses, notes and boneyard dropped,
    /// speeches gathered from their cue, parentheticals and dialogue, and
    /// dual-dialogue pairs joined.
    func layoutBlocks() -> [LayoutBlock] {
        var blocks: [LayoutBlock] = []
        var i = 0
        let els = elements
        while i < els.count {
            let element = els[i]
            if let extra = extraBlankLines(before: i) { blocks.append(.blankLines(extra)) }
            switch element.kind {
            case .sceneHeading(let number):
                blocks.append(.sceneHeading(printedLine(element), number: number))
            case .action:
                let lines = displayLines(of: element).map(\.printed)
                if lines.contains(where: { !$0.isEmpty }) { blocks.append(.action(lines)) }
            case .centered:
                blocks.append(.centered(displayLines(of: element).map(\.printed)))
            case .lyrics:
                blocks.append(.lyrics(displayLines(of: element).map { $0.printed.map { TextRun($0.text, style: $0.style.union(.italic)) } }))
            case .transition:
                blocks.append(.transition(printedLine(element)))
            case .pageBreak:
                blocks.append(.pageBreak)
            case .character:
                let (speech, next) = gatherSpeech(from: i)
                i = next
                if element.dual == .left, i < els.count, els[i].dual == .right, case .character = els[i].kind {
                    let (right, after) = gatherSpeech(from: i)
                    blocks.append(.dualDialogue(speech, right))
                    i = after
                } else {
                    blocks.append(.dialogue(speech))
                }
                continue
            case .parenthetical, .dialogue:
                // Body without a cue (should not happen): print it as action rather than lose it.
                blocks.append(.action(displayLines(of: element).map(\.printed)))
            case .section, .synopsis, .note, .boneyard:
                break
            }
            i += 1
        }
        return blocks
    }

    /// The cue and body elements of the speech whose cue is at `index`;
    /// returns the index after the speech.
    func gatherSpeech(from index: Int) -> (Speech, Int) {
        let cue = elements[index]
        var speech = Speech(cue: cueText(cue), parts: [])
        var i = index + 1
        var lastLine = cue.lines.upperBound
        while i < elements.count {
            let element = elements[i]
            switch element.kind {
            case .parenthetical:
                speech.parts.append(.parenthetical(printedLine(element)))
            case .dialogue:
                for line in displayLines(of: element) { speech.parts.append(.line(line.printed)) }
            case .lyrics where element.lines.lowerBound == lastLine:
                for line in displayLines(of: element) {
                    speech.parts.append(.line(line.printed.map { TextRun($0.text, style: $0.style.union(.italic)) }))
                }
            default:
                return (speech, i)
            }
            lastLine = element.lines.upperBound
            i += 1
        }
        return (speech, i)
    }

    /// The cue as printed: name and extension, no `@` or `^`.
    func cueText(_ element: Element) -> String {
        guard case let .character(name, ext, _) = element.kind else { return element.text }
        guard let ext, !ext.isEmpty else { return name }
        return name + " " + (ext.hasPrefix("(") ? ext : "(" + ext + ")")
    }

    /// A one-paragraph element's lines joined by spaces (headings, transitions, parentheticals).
    func printedLine(_ element: Element) -> [TextRun] {
        var runs: [TextRun] = []
        for (index, line) in displayLines(of: element).enumerated() {
            if index > 0 { runs.append(TextRun(" ")) }
            runs += line.printed
        }
        return runs.coalesced()
    }

    /// Title page fields with styled values; nil when the script has none.
    func titlePageBlock() -> TitlePageBlock? {
        if titlePage.isEmpty { return nil }
        return TitlePageBlock(fields: titlePage.map { entry in
            (key: entry.key, lines: entry.value.split(separator: "\n", omittingEmptySubsequences: false).map {
                Self.styledTitleLine(String($0))
            })
        })
    }

    /// Emphasis in a title-page value, found by the parser's own inline scanner.
    static func styledTitleLine(_ text: String) -> [TextRun] {
        // Forced action, so a value that looks like a cue or heading still reads as text.
        let parsed = FountainDocument(parsing: "\n!" + String(text.map { $0 == "\t" ? " " : $0 }) + "\n")
        guard let element = parsed.elements.first(where: { $0.kind == ElementKind.action }) else {
            return [TextRun(text.trimmingSpaces())]
        }
        var runs: [TextRun] = []
        for (index, line) in parsed.displayLines(of: element).enumerated() {
            if index > 0 { runs.append(TextRun(" ")) }
            runs += line.printed
        }
        return runs.coalesced().trimmingLeadingSpaces()
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}

extension Array where Element == TextRun {
    func trimmingLeadingSpaces() -> [TextRun] {
        var runs = self
        while let first = runs.first {
            let trimmed = String(first.text.drop(while: { $0 == " " }))
            if trimmed.isEmpty { runs.removeFirst(); continue }
            runs[0].text = trimmed
            break
        }
        return runs
    }
}
