/// Emphasis applied to a run of text: any mix of bold, italic and underline
/// (Fountain's `**`, `*` and `_`, which nest).
public struct TextStyle: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextStyle(rawValue: 1)
    public static let italic = TextStyle(rawValue: 2)
    public static let underline = TextStyle(rawValue: 4)
}

/// A stretch of text in one style; a printed line is a sequence of runs.
public struct TextRun: Sendable, Hashable {
    public var text: String
    public var style: TextStyle

    public init(_ text: String, style: TextStyle = []) {
        self.text = text
        self.style = style
    }
}

extension Array where Element == TextRun {
    /// The runs' text joined, without styles.
    var plainText: String { map(\.text).joined() }

    /// Adjacent runs of the same style merged, empty runs dropped.
    func coalesced() -> [TextRun] {
        var out: [TextRun] = []
        out.reserveCapacity(count)
        for run in self where !run.text.isEmpty {
            if let last = out.last, last.style == run.style {
                out[out.count - 1].text += run.text
            } else {
                out.append(run)
            }
        }
        return out
    }

    /// The runs with every letter upper-cased, styles kept (scene headings and
    /// cues print in capitals even when forced in mixed case).
    func uppercased() -> [TextRun] { map { TextRun($0.text.uppercased(), style: $0.style) } }
}
