/// One `Key: value` entry of the title page. Multi-line values (indented
/// lines under a bare `Key:`) are joined by "\n" with the indent removed.
public struct TitlePageEntry: Sendable, Hashable {
    /// The key as written (`Title`, `Draft date` …).
    public var key: String
    public var value: String
    /// Source lines, 0-based half-open.
    public var lines: Range<Int>

    public init(key: String, value: String, lines: Range<Int>) {
        self.key = key
        self.value = value
        self.lines = lines
    }
}
