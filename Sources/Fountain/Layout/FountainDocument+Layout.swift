extension FountainDocument {
    /// The script laid out on `paper` (US Letter by default): the page model
    /// that page counts, plain-text and PDF export share. With `notes`, notes
    /// print too (inline ones in place, standalone ones as their own block),
    /// in italics between `[[ ]]`, as `export --to pdf --notes` wants.
    public func layout(paper: PaperSize = .letter, notes: Bool = false) -> ScreenplayLayout {
        pageMap(paper: paper, notes: notes).layout()
    }

    /// The printable blocks: sections, synopses, notes and boneyard dropped,
    /// speeches gathered from their cue, parentheticals and dialogue, and
    /// dual-dialogue pairs joined.
    func layoutBlocks(notes: Bool = false) -> [LayoutBlock] {
        printBlocks(notes: notes).compactMap { layoutBlock($0, notes: notes) }
    }

    /// The styled block for `block`; nil for an action whose lines print nothing.
    func layoutBlock(_ block: PrintBlock, notes: Bool) -> LayoutBlock? {
        switch block {
        case .pageBreak:
            return .pageBreak
        case .blankLines(let count):
            return .blankLines(count)
        case .speech(let cue, let end):
            return .dialogue(gatherSpeech(cue..<end, notes: notes))
        case .dual(let left, let right, let end):
            return .dualDialogue(gatherSpeech(left..<right, notes: notes), gatherSpeech(right..<end, notes: notes))
        case .element(let index):
            let element = elements[index]
            switch element.kind {
            case .sceneHeading(let number):
                return .sceneHeading(printedLine(element, notes: notes), number: number)
            case .centered:
                return .centered(displayLines(of: element).printed(notes: notes))
            case .lyrics:
                return .lyrics(displayLines(of: element).printed(notes: notes).map { $0.map { TextRun($0.text, style: $0.style.union(.italic)) } })
            case .transition:
                return .transition(printedLine(element, notes: notes))
            case .action:
                let lines = displayLines(of: element).printed(notes: notes)
                return lines.contains(where: { !$0.isEmpty }) ? .action(lines) : nil
            default:
                // A body without a cue (should not happen) or, with notes, a standalone note: printed as action.
                return .action(displayLines(of: element).printed(notes: notes))
            }
        }
    }

    /// The speech made of the cue at `range.lowerBound` and the body elements after it.
    func gatherSpeech(_ range: Range<Int>, notes: Bool = false) -> Speech {
        var speech = Speech(cue: cueText(elements[range.lowerBound]), parts: [])
        for element in elements[range.dropFirst()] {
            switch element.kind {
            case .parenthetical:
                speech.parts.append(.parenthetical(printedLine(element, notes: notes)))
            case .lyrics:
                for line in displayLines(of: element).printed(notes: notes) {
                    speech.parts.append(.line(line.map { TextRun($0.text, style: $0.style.union(.italic)) }))
                }
            default:
                for line in displayLines(of: element).printed(notes: notes) { speech.parts.append(.line(line)) }
            }
        }
        return speech
    }

    /// The cue as printed: name and extension, no `@` or `^`.
    func cueText(_ element: Element) -> String {
        guard case let .character(name, ext, _) = element.kind else { return element.text }
        guard let ext, !ext.isEmpty else { return name }
        return name + " " + (ext.hasPrefix("(") ? ext : "(" + ext + ")")
    }

    /// A one-paragraph element's lines joined by spaces (headings, transitions, parentheticals).
    func printedLine(_ element: Element, notes: Bool = false) -> [TextRun] {
        var runs: [TextRun] = []
        for (index, line) in displayLines(of: element).printed(notes: notes).enumerated() {
            if index > 0 { runs.append(TextRun(" ")) }
            runs += line
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
