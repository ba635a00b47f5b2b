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

    private static let creditPhrases = ["written by", "by", "screenplay by", "teleplay by", "story by",
                                        "written and directed by", "created by", "a screenplay by"]

    init(content: XMLNode) {
        var centered: [String] = []
        var other: [String] = []
        for paragraph in content.children("Paragraph") {
            let styled = FDXStyledText(paragraph: paragraph)
            guard !styled.plain.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            if paragraph.attributes["Alignment"] == "Center" {
                centered.append(styled.fountain)
            } else {
                other.append(styled.fountain)
            }
        }
        let creditIndex = centered.indices.dropFirst().first {
            Self.creditPhrases.contains(centered[$0].lowercased().trimmingCharacters(in: .whitespaces))
        }
        if let creditIndex {
            add("Title", centered[..<creditIndex])
            add("Credit", centered[creditIndex...creditIndex])
            add("Author", centered[(creditIndex + 1)..<min(creditIndex + 2, centered.count)])
            add("Source", centered.dropFirst(creditIndex + 2))
        } else {
            add("Title", centered.prefix(1))
            add("Author", centered.dropFirst().prefix(1))
            add("Source", centered.dropFirst(2))
        }
        var contact: [String] = []
        for block in other {
            let lower = block.lowercased()
            if lower.hasPrefix("copyright") || lower.hasPrefix("©") || lower.hasPrefix("(c)") {
                add("Copyright", [block])
            } else if entries.first(where: { $0.key == "Draft date" }) == nil && Self.looksLikeDraftDate(lower) {
                add("Draft date", [block])
            } else {
                contact.append(block)
            }
        }
        add("Contact", contact[...])
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
