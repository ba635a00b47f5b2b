/// A run of one origin in one line, for drawing: `columns` counts the line's
/// Characters (grapheme clusters) from 0. The runs of a line cover it
/// without gaps, human runs included; an empty line has none.
public struct OriginRun: Sendable, Equatable {
    public var columns: Range<Int>
    public var origin: Origin

    public init(columns: Range<Int>, origin: Origin) {
        self.columns = columns
        self.origin = origin
    }
}
