/// The `<Text>` runs of one FDX paragraph, turned into Fountain text with
/// emphasis markers.
///
/// FDX styles are joined by `+` (`Bold+Italic+Underline`); other style words
/// (AllCaps, Strikeout, …) have no Fountain form and are dropped. Literal `*`
/// and `_` are escaped so they are not read back as emphasis, and markers hug
/// the text (spaces stay outside) because Fountain emphasis must touch the
/// words it marks and never crosses a line break.
struct FDXStyledText {
    struct Run: Equatable {
        var text: String
        var bold = false
        var italic = false
        var underline = false

        var sameStyle: (Bool, Bool, Bool) { (bold, italic, underline) }
    }

    private(set) var runs: [Run] = []

    init(paragraph: XMLNode) {
        for node in paragraph.children("Text") {
            let styles = Set((node.attributes["Style"] ?? "").split(separator: "+").map { $0.lowercased() })
            append(Run(text: node.text, bold: styles.contains("bold"), italic: styles.contains("italic"),
                       underline: styles.contains("underline")))
        }
    }

    init(plain: String) {
        append(Run(text: plain))
    }

    private mutating func append(_ run: Run) {
        guard !run.text.isEmpty else { return }
        if let last = runs.last, last.sameStyle == run.sameStyle {
            runs[runs.count - 1].text += run.text
        } else {
            runs.append(run)
        }
    }

    /// The plain text, no markers: for deciding element forms (upper case?
    /// ends in TO:?), which emphasis does not change.
    var plain: String { runs.map(\.text).joined() }

    /// The text with Fountain emphasis markers and escapes.
    var fountain: String {
        var out = ""
        for run in runs {
            let lines = run.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() {
                if i > 0 { out += "\n" }
                out += Self.marked(String(line), run)
            }
        }
        return out
    }

    private static func marked(_ text: String, _ run: Run) -> String {
        let escaped = escape(text)
        guard run.bold || run.italic || run.underline else { return escaped }
        let leading = escaped.prefix { $0 == " " || $0 == "\t" }
        let rest = escaped.dropFirst(leading.count)
        let trailing = rest.reversed().prefix { $0 == " " || $0 == "\t" }
        let core = rest.dropLast(trailing.count)
        guard !core.isEmpty else { return escaped }
        var open = "", close = ""
        if run.underline { open += "_"; close = "_" + close }
        let stars = (run.bold ? 2 : 0) + (run.italic ? 1 : 0)
        if stars > 0 {
            open += String(repeating: "*", count: stars)
            close = String(repeating: "*", count: stars) + close
        }
        return String(leading) + open + core + close + String(trailing.reversed())
    }

    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "*" || $0 == "_" }) else { return text }
        var out = ""
        for c in text {
            if c == "*" || c == "_" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
