import Fountain

/// The editor's view of the Fountain model: the parsed document kept in
/// step with the buffer through `FountainDocument.replaceLines` (the
/// Fountain module's incremental re-parse), and per-line styles, outline,
/// cast and heading parts read from its elements. EditorCore never parses
/// Fountain itself.
struct FountainSyntax {
    private(set) var document: FountainDocument
    /// Bumped on every change; caches below are keyed by it.
    private(set) var version = 0
    private var outlineCache: (version: Int, items: [OutlineItem])?
    private var castCache: (version: Int, line: Int, names: [String])?
    private var headingCache: (version: Int, line: Int, locations: [String], times: [String])?

    init(lines: [String]) {
        document = FountainDocument(parsing: lines.joined(separator: "\n"))
    }

    init(document: FountainDocument) {
        self.document = document
    }

    /// Mirrors a buffer edit into the model, which re-parses what it affects.
    mutating func linesChanged(in lines: [String], firstLine: Int, removedLines: Int, insertedLines: Int) {
        document.replaceLines(firstLine..<(firstLine + removedLines), with: Array(lines[firstLine..<(firstLine + insertedLines)]))
        version += 1
        carryOutline(lines: lines, firstLine: firstLine, removedLines: removedLines, insertedLines: insertedLines)
    }

    /// Keeps the cached outline across an edit: shifts items after the
    /// edit, then re-reads only the headings and sections in the edited
    /// paragraphs and their neighbours, and renumbers.
    private mutating func carryOutline(lines: [String], firstLine: Int, removedLines: Int, insertedLines: Int) {
        guard let cache = outlineCache else { return }
        outlineCache = nil
        let delta = insertedLines - removedLines
        let region = EditRegion.paragraphsAround(firstLine..<(firstLine + insertedLines), in: lines)
        var before: [OutlineItem] = []
        var after: [OutlineItem] = []
        for var item in cache.items {
            if item.line >= firstLine + removedLines { item.line += delta } else if item.line >= firstLine { continue }
            if region.contains(item.line) { continue }
            if item.line < region.lowerBound { before.append(item) } else { after.append(item) }
        }
        var line = region.lowerBound
        while line < region.upperBound {
            guard let index = document.elementIndex(containingLine: line) else { line += 1; continue }
            let element = document.elements[index]
            if element.lines.lowerBound == line, let item = Self.outlineItem(element) { before.append(item) }
            line = max(line + 1, element.lines.upperBound)
        }
        var items = before + after
        OutlineItem.number(&items)
        outlineCache = (version, items)
    }

    static func outlineItem(_ element: Element) -> OutlineItem? {
        switch element.kind {
        case .sceneHeading(let number):
            return OutlineItem(line: element.lines.lowerBound, title: element.text, number: "", depth: 0,
                               isSection: false, explicitNumber: number)
        case .section(let depth):
            return OutlineItem(line: element.lines.lowerBound, title: element.text, number: "", depth: 0,
                               isSection: true, sectionDepth: depth)
        default:
            return nil
        }
    }

    // MARK: Per-line style

    func element(atLine line: Int) -> Element? {
        document.elementIndex(containingLine: line).map { document.elements[$0] }
    }

    /// The element role of a line without its spans (cheaper than `style`).
    func role(ofLine line: Int) -> StyleRole {
        if let element = element(atLine: line) { return Self.role(of: element.kind) }
        if let first = document.titlePage.first, let last = document.titlePage.last,
           (first.lines.lowerBound..<last.lines.upperBound).contains(line) {
            return .titlePage
        }
        return .action
    }

    func style(ofLine line: Int) -> LineStyle {
        guard let element = element(atLine: line) else {
            if let first = document.titlePage.first, let last = document.titlePage.last,
               (first.lines.lowerBound..<last.lines.upperBound).contains(line) {
                return LineStyle(element: .titlePage)
            }
            return .action
        }
        var style = LineStyle(element: Self.role(of: element.kind))
        style.isDual = element.dual == .right
        let lineLength = document.source.lineBytes(line).count
        func bytes(_ range: Range<SourcePosition>) -> Range<Int>? {
            guard range.lowerBound.line <= line, range.upperBound.line >= line else { return nil }
            let start = range.lowerBound.line == line ? range.lowerBound.column : 0
            let end = range.upperBound.line == line ? range.upperBound.column : lineLength
            return start < end ? start..<end : nil
        }
        for span in element.spans {
            guard let whole = bytes(span.range) else { continue }
            let attributes: CellAttributes
            var role: StyleRole?
            switch span.kind {
            case .bold: attributes = .bold
            case .italic: attributes = .italic
            case .underline: attributes = .underline
            case .note: attributes = .dim; role = .note
            case .boneyard: attributes = .dim; role = .boneyard
            }
            style.spans.append(StyleSpan(bytes: whole, attributes: attributes, role: role))
            // The markers themselves (`**`, `[[`, `/*` …) are shown dimmed.
            if let content = bytes(span.content) {
                if whole.lowerBound < content.lowerBound {
                    style.spans.append(StyleSpan(bytes: whole.lowerBound..<content.lowerBound, attributes: .dim, role: nil))
                }
                if content.upperBound < whole.upperBound {
                    style.spans.append(StyleSpan(bytes: content.upperBound..<whole.upperBound, attributes: .dim, role: nil))
                }
            }
        }
        if element.isForced, element.range.lowerBound.line == line, element.range.lowerBound.column < lineLength {
            let column = element.range.lowerBound.column
            style.spans.append(StyleSpan(bytes: column..<(column + 1), attributes: .dim, role: nil))
        }
        return style
    }

    static func role(of kind: ElementKind) -> StyleRole {
        switch kind {
        case .sceneHeading: .sceneHeading
        case .action: .action
        case .centered: .centered
        case .character: .character
        case .parenthetical: .parenthetical
        case .dialogue: .dialogue
        case .transition: .transition
        case .lyrics: .lyrics
        case .pageBreak: .pageBreak
        case .section: .section
        case .synopsis: .synopsis
        case .note: .note
        case .boneyard: .boneyard
        }
    }

    // MARK: Outline, scenes, cast, heading parts

    /// Scene headings and sections, in order.
    mutating func outlineItems() -> [OutlineItem] {
        if let cache = outlineCache, cache.version == version { return cache.items }
        var items = document.elements.compactMap(Self.outlineItem)
        OutlineItem.number(&items)
        outlineCache = (version, items)
        return items
    }

    /// The number of the scene containing `line` ("0" before the first).
    mutating func sceneNumber(atLine line: Int) -> String {
        let items = outlineItems()
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) / 2
            if items[mid].line <= line { low = mid + 1 } else { high = mid }
        }
        // The nearest scene at or before the line (sections do not count).
        var index = low - 1
        while index >= 0, items[index].isSection { index -= 1 }
        return index < 0 ? "0" : items[index].number
    }

    /// Character names of the script, most frequent first, not counting the
    /// cue on `line` (the one being typed).
    mutating func cast(excludingLine line: Int) -> [String] {
        if let cache = castCache, cache.version == version || cache.line == line { return cache.names }
        var counts: [String: Int] = [:]
        for element in document.elements {
            guard case .character(let name, _, _) = element.kind, !element.lines.contains(line) else { continue }
            counts[name.uppercased(), default: 0] += 1
        }
        let names = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        castCache = (version, line, names)
        return names
    }

    /// Locations and times of day used in the script's scene headings.
    mutating func headingParts(excludingLine line: Int) -> (locations: [String], times: [String]) {
        if let cache = headingCache, cache.version == version || cache.line == line { return (cache.locations, cache.times) }
        var locations: [String: Int] = [:]
        var times: [String: Int] = [:]
        for element in document.elements {
            guard case .sceneHeading = element.kind, !element.lines.contains(line) else { continue }
            var text = Substring(element.text.uppercased())
            for prefix in ["INT./EXT.", "EXT./INT.", "INT/EXT", "I/E.", "I/E", "INT.", "EXT.", "EST.", "INT", "EXT", "EST"]
            where text.hasPrefix(prefix) {
                text = text.dropFirst(prefix.count)
                break
            }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let dash = trimmed.range(of: " - ", options: .backwards) {
                locations[String(trimmed[..<dash.lowerBound]), default: 0] += 1
                times[String(trimmed[dash.upperBound...]).trimmingCharacters(in: .whitespaces), default: 0] += 1
            } else if !trimmed.isEmpty {
                locations[trimmed, default: 0] += 1
            }
        }
        let sort = { (d: [String: Int]) in d.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key) }
        headingCache = (version, line, sort(locations), sort(times).filter { !$0.isEmpty })
        return (headingCache!.locations, headingCache!.times)
    }

    /// Whether the Fountain parser reads `text` as a character cue when it
    /// stands after a blank line with a line of dialogue under it.
    static func wouldBeCharacterCue(_ text: String) -> Bool {
        // Only short lines with no lower-case letter before an extension can be
        // unforced cues; skip the probe parse for everything else (long action).
        let forced = text.hasPrefix("@")
        if !forced, text.utf8.count > 80 { return false }
        if !forced, text.prefix(while: { $0 != "(" }).contains(where: \.isLowercase) { return false }
        let probe = FountainDocument(parsing: "\n" + text + "\nx\n")
        guard let element = probe.elementIndex(containingLine: 1).map({ probe.elements[$0] }) else { return false }
        if case .character = element.kind { return true }
        return false
    }
}

import Foundation
