/// Writes a document in canonical form: LF endings, no BOM, exactly one
/// blank line between paragraphs, indentation removed outside action,
/// trailing whitespace removed outside action, and forcing markers only
/// where the element would otherwise read as something else. The output
/// parses to the same elements (kinds and texts) and title page.
/// Boneyard and notes are kept as written: normalizing never drops text.
enum NormalizingWriter {
    static func write(_ doc: FountainDocument) -> String {
        var out: [String] = []
        for entry in doc.titlePage {
            let valueLines = entry.value.split(separator: "\n", omittingEmptySubsequences: false)
            if valueLines.count <= 1 {
                out.append(entry.key + ": " + entry.value)
            } else {
                out.append(entry.key + ":")
                for v in valueLines { out.append("    " + v) }
            }
        }
        var first = doc.titlePage.isEmpty
        var previous: ArraySlice<Element>?
        for unit in units(doc.elements) {
            let joined = previous.map { joins($0, unit) } ?? false
            let rendered = render(unit, in: doc, standaloneStart: first && !joined)
            if !out.isEmpty && !joined { out.append("") }
            out.append(contentsOf: rendered)
            first = false
            previous = unit
        }
        return out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
    }

    /// True when no blank line may go between two units: a boneyard that
    /// runs from one into the other, or a boneyard element that opens the
    /// paragraph the next unit is in. A blank line there would be swallowed
    /// by the boneyard and grow on every pass.
    static func joins(_ a: ArraySlice<Element>, _ b: ArraySlice<Element>) -> Bool {
        guard let last = a.last, let next = b.first else { return false }
        guard next.lines.lowerBound == last.lines.upperBound else { return false }
        if last.kind == .boneyard { return true }
        for e in a {
            for s in e.spans where s.kind == .boneyard && s.range.upperBound.line >= next.lines.lowerBound {
                return true
            }
        }
        return false
    }

    /// Groups elements into what becomes one paragraph each: a dialogue
    /// block stays together, every other element stands alone.
    static func units(_ elements: [Element]) -> [ArraySlice<Element>] {
        var result: [ArraySlice<Element>] = []
        var i = 0
        while i < elements.count {
            var j = i + 1
            if case .character = elements[i].kind {
                while j < elements.count, BlockParser.isBlockBody(elements[j].kind),
                      elements[j].lines.lowerBound == elements[j - 1].lines.upperBound {
                    j += 1
                }
            }
            result.append(elements[i..<j])
            i = j
        }
        return result
    }

    static func render(_ unit: ArraySlice<Element>, in doc: FountainDocument, standaloneStart: Bool) -> [String] {
        if unit.first?.kind == .boneyard {
            return unit.flatMap { e in e.lines.map { doc.source.line($0) } }
        }
        let plain = lines(unit, in: doc, forced: false)
        let forced = lines(unit, in: doc, forced: true)
        for candidate in [plain, forced] where matches(candidate, unit, standaloneStart: standaloneStart) {
            return candidate
        }
        // Nothing canonical reads back the same (an unusual corner): keep the source.
        return unit.flatMap { e in e.lines.map { doc.source.line($0) } }
    }

    static func matches(_ candidate: [String], _ unit: ArraySlice<Element>, standaloneStart: Bool) -> Bool {
        let text = candidate.joined(separator: "\n") + "\n"
        let parsed = FountainDocument(parsing: standaloneStart ? text : "\n" + text)
        guard parsed.titlePage.isEmpty, parsed.elements.count == unit.count else { return false }
        for (a, b) in zip(parsed.elements, unit) {
            guard a.text == b.text, sameKind(a.kind, b.kind) else { return false }
        }
        return true
    }

    /// Kinds compared without the dual flag pairing (which depends on the
    /// neighbour and survives because order and adjacency are kept).
    static func sameKind(_ a: ElementKind, _ b: ElementKind) -> Bool { a == b }

    /// The unit's source lines, cleaned; the first element's forcing marker
    /// dropped (`forced == false`) or ensured (`forced == true`).
    static func lines(_ unit: ArraySlice<Element>, in doc: FountainDocument, forced: Bool) -> [String] {
        var result: [String] = []
        for (k, e) in unit.enumerated() {
            for l in e.lines {
                var s = doc.source.line(l)
                let isAction: Bool
                if case .action = e.kind { isAction = true } else { isAction = false }
                if !isAction && s.allSatisfy({ $0 == " " || $0 == "\t" }) && s.count >= 2 {
                    result.append("  ")
                    continue
                }
                if !isAction { s = trimmed(s) }
                if k == 0 && l == e.range.lowerBound.line {
                    s = adjustMarker(s, kind: e.kind, wasForced: e.isForced, forced: forced, isAction: isAction)
                }
                result.append(s)
            }
        }
        return result
    }

    static func trimmed(_ s: String) -> String {
        var t = Substring(s)
        while let f = t.first, f == " " || f == "\t" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\t" { t = t.dropLast() }
        return String(t)
    }

    static func adjustMarker(_ s: String, kind: ElementKind, wasForced: Bool, forced: Bool, isAction: Bool) -> String {
        let marker: Character
        switch kind {
        case .action: marker = "!"
        case .sceneHeading: marker = "."
        case .character: marker = "@"
        case .transition: marker = ">"
        default: return s
        }
        var body = Substring(s)
        if isAction {
            if wasForced {
                // The `!` may follow indentation; the text starts after it.
                let indent = body.prefix { $0 == " " || $0 == "\t" }
                body = body.dropFirst(indent.count)
                if body.first == marker { body = body.dropFirst() }
            }
            return forced ? String(marker) + body : String(body)
        }
        if wasForced, body.first == marker { body = body.dropFirst() }
        if forced {
            return String(marker) + body
        }
        // A transition written as `> fade out` needs no space after removal.
        return kind == .transition ? trimmed(String(body)) : String(body)
    }
}

extension FountainDocument {
    /// The document in canonical Fountain (see `NormalizingWriter`): it
    /// parses back to the same title page and elements.
    public func normalized() -> String { NormalizingWriter.write(self) }
}
