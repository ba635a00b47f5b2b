/// The screenplay grid on a sheet of paper: where column `c` of body line
/// `l` sits, in PDF points (origin bottom-left).
///
/// Courier 12 pt is 7.2 pt per character and 12 pt per line; columns count
/// from the left page edge in characters (so the 1.5" action margin is
/// column 15), lines from the top margin (1.0"). A line's baseline is
/// 9.5 pt below its top, which centres Courier's capitals (ascent 629/1000,
/// cap height 562/1000) in the 12 pt line box.
public struct PageGrid: Sendable, Equatable {
    public static let pointsPerColumn = 7.2
    public static let pointsPerLine = 12.0
    static let baselineOffset = 9.5
    /// Top margin, 1.0".
    public static let topMargin = 72.0

    public let paper: PaperSize

    public init(paper: PaperSize) {
        self.paper = paper
    }

    /// The x of column `column` (0 = the page's left edge).
    public func x(column: Int) -> Double {
        Double(column) * Self.pointsPerColumn
    }

    /// The x of a column given as a fraction (half columns occur when
    /// centring an odd-length text in an even-width area).
    public func x(columns: Double) -> Double {
        columns * Self.pointsPerColumn
    }

    /// The baseline of body line `line` (0 = first line under the top margin).
    public func baseline(line: Int) -> Double {
        paper.sizeInPoints.height - Self.topMargin - Double(line) * Self.pointsPerLine - Self.baselineOffset
    }

    /// The baseline of the page-number line, whose top is 0.5" below the top edge.
    public var pageNumberBaseline: Double {
        paper.sizeInPoints.height - 36 - Self.baselineOffset
    }

    /// The right edge of the page number: the 1.0" right margin.
    public var pageNumberRightEdge: Double {
        paper.sizeInPoints.width - 72
    }
}
