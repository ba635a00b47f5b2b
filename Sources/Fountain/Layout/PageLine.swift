/// One printed line on a page: where it goes, what it says and what it is.
///
/// `row` counts text lines from the top margin (0 is the first line, 1.0" below
/// the paper's top edge); `column` counts 10 cpi cells from the paper's left edge.
/// A PDF writer places the line at x = column × 7.2 pt, y = top margin + row × 12 pt;
/// a text renderer pads with spaces. Blank lines are implied by gaps between rows.
public struct PageLine: Sendable, Hashable {
    /// What the line belongs to, so exporters can style or skip it.
    public enum Kind: String, Sendable, Hashable {
        case sceneHeading, action, centered, character, parenthetical, dialogue, lyrics, transition
        /// The `(MORE)` marker at the foot of a page where dialogue continues.
        case more
        /// A title page field, centred or in the lower-left block.
        case titlePage
    }

    public var row: Int
    public var column: Int
    public var runs: [TextRun]
    public var kind: Kind
    /// The scene number, on a numbered scene heading's first line only.
    public var sceneNumber: String?

    public init(row: Int, column: Int, runs: [TextRun], kind: Kind, sceneNumber: String? = nil) {
        self.row = row
        self.column = column
        self.runs = runs
        self.kind = kind
        self.sceneNumber = sceneNumber
    }

    /// The line's text without styles.
    public var text: String { runs.map(\.text).joined() }
}
