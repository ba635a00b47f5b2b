/// One laid-out page: its printed lines in reading order (by row, then column).
public struct Page: Sendable, Hashable {
    /// 1 for the first script page; the title page, if any, has number 0 and
    /// `isTitlePage` set. Page numbers are printed from page 2 on.
    public var number: Int
    public var isTitlePage: Bool
    public var lines: [PageLine]

    public init(number: Int, isTitlePage: Bool = false, lines: [PageLine] = []) {
        self.number = number
        self.isTitlePage = isTitlePage
        self.lines = lines
    }

    /// The page number as printed at the top right (`"2."`), or nil where none is printed.
    public var printedNumber: String? {
        isTitlePage || number < 2 ? nil : "\(number)."
    }
}

/// A whole screenplay laid out on paper: the title page (if the script has
/// one) and the script pages. Every consumer of page geometry (txt export,
/// stats, PDF, the editor's page count) reads this one value.
public struct ScreenplayLayout: Sendable, Hashable {
    public var paper: PaperSize
    public var titlePage: Page?
    public var pages: [Page]

    public init(paper: PaperSize, titlePage: Page?, pages: [Page]) {
        self.paper = paper
        self.titlePage = titlePage
        self.pages = pages
    }

    /// Script pages, not counting the title page: the number writers quote.
    public var pageCount: Int { pages.count }

    /// The title page (if any) followed by the script pages.
    public var allPages: [Page] { (titlePage.map { [$0] } ?? []) + pages }
}
