/// One screenplay element (a scene heading, a line of action, a cue …) with
/// its display text and where it sits in the source.
///
/// The text is kept as UTF-8 bytes in a buffer shared by many elements (the
/// parsed source itself when the text is a run of it, else one buffer per
/// parse) and becomes a `String` only when read: building a String for every
/// element cost a fifth of parsing.
public struct Element: Sendable, Hashable {
    // Stored properties in this order pack `dual` and `isForced` into the
    // padding after `kind`: 88 bytes an element.
    public var kind: ElementKind
    /// Set on every element of both blocks of a dual dialogue (cue,
    /// parentheticals, dialogue).
    public var dual: DualSide?
    /// True when a forcing marker (`.`, `!`, `@`, `>`, `~`, `=`, `#`) decided the kind.
    public var isForced: Bool
    /// The text as shown: without forcing markers, scene number or dual
    /// caret; emphasis markers kept as written; lines joined by "\n".
    /// Built from `textBytes` on each read.
    public var text: String {
        get { withTextBytes { String(decoding: $0, as: UTF8.self) } }
        set { textBytes = ElementText(newValue) }
    }
    var textBytes: ElementText
    /// Source lines, 0-based half-open.
    public var lines: Range<Int> {
        get { Int(firstLine)..<Int(endLine) }
        set { (firstLine, endLine) = (UInt32(newValue.lowerBound), UInt32(newValue.upperBound)) }
    }
    /// Start of the element's text on its first line and end on its last
    /// line (UTF-8 columns), forcing markers included.
    public var range: Range<SourcePosition> {
        get {
            SourcePosition(line: Int(rangeStartLine), column: Int(rangeStartColumn))
                ..< SourcePosition(line: Int(rangeEndLine), column: Int(rangeEndColumn))
        }
        set {
            (rangeStartLine, rangeStartColumn) = (UInt32(newValue.lowerBound.line), UInt32(newValue.lowerBound.column))
            (rangeEndLine, rangeEndColumn) = (UInt32(newValue.upperBound.line), UInt32(newValue.upperBound.column))
        }
    }
    // Lines and columns in 32 bits (sources up to 4 GiB): with the text as
    // bytes an element takes 88 bytes instead of 120.
    private var firstLine: UInt32, endLine: UInt32
    private var rangeStartLine: UInt32, rangeStartColumn: UInt32, rangeEndLine: UInt32, rangeEndColumn: UInt32
    /// Emphasis, inline notes and boneyard inside this element.
    public var spans: [InlineSpan]

    public init(kind: ElementKind, text: String, lines: Range<Int>, range: Range<SourcePosition>,
                spans: [InlineSpan] = [], dual: DualSide? = nil, isForced: Bool = false) {
        self.init(kind: kind, textBytes: ElementText(text), lines: lines, range: range, spans: spans, dual: dual,
                  isForced: isForced)
    }

    init(kind: ElementKind, textBytes: ElementText, lines: Range<Int>, range: Range<SourcePosition>,
         spans: [InlineSpan] = [], dual: DualSide? = nil, isForced: Bool = false) {
        self.kind = kind
        self.textBytes = textBytes
        (firstLine, endLine) = (UInt32(lines.lowerBound), UInt32(lines.upperBound))
        (rangeStartLine, rangeStartColumn) = (UInt32(range.lowerBound.line), UInt32(range.lowerBound.column))
        (rangeEndLine, rangeEndColumn) = (UInt32(range.upperBound.line), UInt32(range.upperBound.column))
        self.spans = spans
        self.dual = dual
        self.isForced = isForced
    }

    /// Calls `body` with the UTF-8 bytes of `text`, without building a String.
    @inline(__always)
    func withTextBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try textBytes.withBytes(body)
    }

    /// 1-based number of the first source line, as editors and `intercut parse` show it.
    public var lineNumber: Int { lines.lowerBound + 1 }
    /// 1-based closed range of source lines.
    public var lineNumbers: ClosedRange<Int> { (lines.lowerBound + 1)...max(lines.lowerBound + 1, lines.upperBound) }

    public static func == (a: Element, b: Element) -> Bool {
        a.kind == b.kind && a.lines == b.lines && a.range == b.range && a.dual == b.dual && a.isForced == b.isForced
            && a.textBytes == b.textBytes && a.spans == b.spans
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(textBytes)
        hasher.combine(lines)
        hasher.combine(range)
        hasher.combine(spans)
        hasher.combine(dual)
        hasher.combine(isForced)
    }
}
