/// An FDX title page turned into Fountain title-page keys.
///
/// Final Draft lays its title page out as positioned paragraphs (blank ones
/// for spacing, centred ones for title and byline, left-aligned ones for
/// contact details) with no keys, so the keys are inferred from alignment
/// and order; see `FDXImporter`.
struct FDXTitlePage {
    private(set) var entries: [(key: String, lines: [String])] = []

    static let empty = FDXTitlePage()

    private init() {}

    /// Runs of consecutive non-empty paragraphs with one alignment: a blank
    /// paragraph or a change of alignment separates fields.
    private struct Block {
        var centered: Bool
        var paragraphs: [String]
    }

    init(content: XMLNode) {
        var blocks: [Block] = []
        var open = false
        for paragraph in content.children("Paragraph") {
            let styled = FDXStyledText(paragraph: paragraph)
            let centered = paragraph.attributes["Alignment"] == "Center"
            guard !styled.plain.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                open = false
                continue
            }
            if open, blocks[blocks.count - 1].centered == centered {
                blocks[blocks.count - 1].paragraphs.append(styled.fountain)
            } else {
                blocks.append(Block(centered: centered, paragraphs: [styled.fountain]))
            }
            open = true
        }

        // Centred: title, then "Written by"-like credit and the author after
        // it (same block or the next), then anything else as the source.
        var centered = blocks.filter(\.centered).map(\.paragraphs)[...]
        if let title = centered.popFirst() { add("Title", title) }
        var source: [String] = []
        while let block = centered.popFirst() {
            if entries.contains(where: { $0.key == "Credit" }) == false, let first = block.first, Self.isCredit(first) {
                add("Credit", [first])
                // The author is the paragraph after the credit; more lines in
                // that block (or the next) are a source line or a subtitle.
                var rest = Array(block.dropFirst())
                if rest.isEmpty, let next = centered.popFirst() { rest = next }
                add("Author", rest.prefix(1))
                source += rest.dropFirst()
            } else if !entries.contains(where: { $0.key == "Credit" || $0.key == "Author" }) && source.isEmpty
                        && !centered.contains(where: { Self.isCredit($0.first ?? "") }) {
                // No credit line: the block under the title names the author.
                add("Author", block)
            } else {
                source += block
            }
        }
        add("Source", source)

        // Left: leading draft/date paragraphs of a block are the draft date,
        // copyright lines the copyright, the rest contact details.
        var contact: [String] = []
        for block in blocks where !block.centered {
            var paragraphs = block.paragraphs[...]
            var draft: [String] = []
            while let first = paragraphs.first, !entries.contains(where: { $0.key == "Draft date" }),
                  Self.looksLikeDraftDate(first.lowercased()) {
                draft.append(first)
                paragraphs = paragraphs.dropFirst()
            }
            add("Draft date", draft)
            for paragraph in paragraphs {
                let lower = paragraph.lowercased()
                if lower.hasPrefix("copyright") || lower.hasPrefix("©") || lower.hasPrefix("(c)") {
                    add("Copyright", [paragraph])
                } else {
                    contact.append(paragraph)
                }
            }
        }
        add("Contact", contact)
    }

    /// "Written by", "Book and lyrics by", "by": a line that ends in "by".
    private static func isCredit(_ text: String) -> Bool {
        let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        return !lower.contains("\n") && (lower == "by" || lower.hasSuffix(" by"))
    }

    private static func looksLikeDraftDate(_ text: String) -> Bool {
        if text.contains("draft") || text.contains("revision") { return true }
        let months = ["january", "february", "march", "april", "may ", "june", "july", "august",
                      "september", "october", "november", "december"]
        if months.contains(where: text.contains) { return true }
        let digits = text.filter(\.isNumber).count
        return digits >= 4 && text.count <= 20
    }

    private mutating func add<C: Collection>(_ key: String, _ blocks: C) where C.Element == String {
        let lines = blocks.flatMap { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
        guard !lines.isEmpty else { return }
        entries.append((key, lines))
    }

    /// `Key: value` lines (continuations indented three spaces), or "".
    var fountain: String {
        var out = ""
        for (key, lines) in entries {
            if lines.count == 1 {
                out += "\(key): \(lines[0])\n"
            } else {
                out += "\(key):\n" + lines.map { "   " + $0 + "\n" }.joined()
            }
        }
        return out
    }
}
