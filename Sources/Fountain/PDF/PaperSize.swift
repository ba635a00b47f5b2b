/// A sheet of paper a screenplay is printed on, with the screenplay grid that
/// fits it (../shared/reference/screenplay-layout.md: Courier 12 pt, 10
/// characters per inch, 6 lines per inch).
///
/// Units: PDF points (1/72 inch). The grid is what differs between the two
/// sizes: US Letter holds 55 lines and 61 action characters, A4 57 and 58.
public enum PaperSize: String, Sendable, CaseIterable {
    case letter
    case a4

    /// Page width in points.
    public var width: Double { self == .letter ? 612 : 595 }
    /// Page height in points.
    public var height: Double { self == .letter ? 792 : 842 }
    /// Body lines per page (page-number line excluded).
    public var linesPerPage: Int { self == .letter ? 55 : 57 }
    /// Characters per line in the action column.
    public var actionWidth: Int { self == .letter ? 61 : 58 }
}
