/// A styled or hidden run inside an element, in source coordinates.
/// `range` covers the markers too (`**`, `[[`, `/*` …); `content` is what
/// lies between them. Spans nest (bold inside italic, emphasis inside a note).
public struct InlineSpan: Sendable, Hashable {
    /// The kind of run.
    public enum Kind: Sendable, Hashable {
        case bold, italic, underline, note, boneyard
    }

    public var kind: Kind
    public var range: Range<SourcePosition>
    public var content: Range<SourcePosition>

    public init(kind: Kind, range: Range<SourcePosition>, content: Range<SourcePosition>) {
        self.kind = kind
        self.range = range
        self.content = content
    }
}
