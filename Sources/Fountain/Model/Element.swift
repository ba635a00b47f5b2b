/// One screenplay element (a scene heading, a line of action, a cue …) with
/// its display text and where it sits in the source.
public struct Element: Sendable, Hashable {
    public var kind: ElementKind
    /// The text as shown: without forcing markers, scene number or dual
    /// caret; emphasis markers kept as written; lines joined by "\n".
    public var text: String
    /// Source lines, 0-based half-open.
    public var lines: Range<Int>
    /// Start of the element's text on its first line and end on its last
    /// line (UTF-8 columns), forcing markers included.
    public var range: Range<SourcePosition>
    /// Emphasis, inline notes and boneyard inside this element.
    public var spans: [InlineSpan]
    /// Set on every element of both blocks of a dual dialogue (cue,
    /// parentheticals, dialogue).
    public var dual: DualSide?
    /// True when a forcing marker (`.`, `!`, `@`, `>`, `~`, `=`, `#`) decided the kind.
    public var isForced: Bool

    public init(kind: ElementKind, text: String, lines: Range<Int>, range: Range<SourcePosition>,
                spans: [InlineSpan] = [], dual: DualSide? = nil, isForced: Bool = false) {
        self.kind = kind
        self.text = text
        self.lines = lines
        self.range = range
        self.spans = spans
        self.dual = dual
        self.isForced = isForced
    }

    /// 1-based number of the first source line, as editors and `intercut parse` show it.
    public var lineNumber: Int { lines.lowerBound + 1 }
    /// 1-based closed range of source lines.
    public var lineNumbers: ClosedRange<Int> { (lines.lowerBound + 1)...max(lines.lowerBound + 1, lines.upperBound) }
}
