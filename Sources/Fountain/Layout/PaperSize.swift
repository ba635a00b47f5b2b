/// The paper a screenplay is laid out on, with the geometry that follows from it.
///
/// Units: columns and rows are Courier 12 pt character cells (10 per inch across,
/// 6 per inch down); points are PDF points (72 per inch). Column 0 is the left
/// edge of the paper, so the action column (1.5") is column 15. Row 0 is the
/// first text line, 1.0" below the top edge (see reference/screenplay-layout.md).
public enum PaperSize: String, Sendable, CaseIterable {
    case letter
    case a4

    /// Text lines between the top and bottom margins: 55 on Letter, 57 on A4.
    public var linesPerPage: Int {
        switch self {
        case .letter: return 55
        case .a4: return 57
        }
    }

    /// Characters per line in the scene heading and action columns: 61 on Letter, 58 on A4.
    public var actionWidth: Int {
        switch self {
        case .letter: return 61
        case .a4: return 58
        }
    }

    /// The column just past the action column's right edge; transitions and the
    /// page number end here.
    public var rightEdgeColumn: Int { ElementColumns.action + actionWidth }

    /// Paper width and height in PDF points.
    public var sizeInPoints: (width: Double, height: Double) {
        switch self {
        case .letter: return (612, 792)
        case .a4: return (595.28, 841.89)
        }
    }
}
