/// One run of text on a PDF page, in one face, placed by its baseline start.
///
/// Units: points from the bottom-left corner of the page. Text is set in a
/// monospaced face, so character `i` of the run starts at
/// `x + i * fontSize * 0.6` whichever font ends up drawing it; that is what
/// lets a run mix the standard Courier with an embedded font for characters
/// outside WinAnsi without drifting off the screenplay grid.
public struct PDFTextRun: Sendable, Equatable {
    public var text: String
    public var x: Double
    public var baseline: Double
    public var style: PDFFontStyle
    public var underline: Bool
    public var fontSize: Double

    public init(text: String, x: Double, baseline: Double, style: PDFFontStyle = .regular,
                underline: Bool = false, fontSize: Double = 12) {
        self.text = text
        self.x = x
        self.baseline = baseline
        self.style = style
        self.underline = underline
        self.fontSize = fontSize
    }
}

/// One page to write: its size and the runs of text on it.
public struct PDFPage: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var runs: [PDFTextRun]

    public init(width: Double, height: Double, runs: [PDFTextRun] = []) {
        self.width = width
        self.height = height
        self.runs = runs
    }

    /// An empty page of the given paper.
    public init(paper: PaperSize) {
        self.init(width: paper.sizeInPoints.width, height: paper.sizeInPoints.height)
    }
}
