/// Places a laid-out screenplay (`ScreenplayLayout`, from the paginator in
/// Sources/Fountain/Layout) on PDF pages: every `PageLine` at its column and
/// row on the Courier grid, styles through the Courier faces, page numbers
/// top right from page 2, and optionally scene numbers in both margins.
///
/// Pagination decisions ((MORE)/(CONT'D), dual dialogue columns, what is
/// printed at all) are the layout's; this type only draws.
public struct ScreenplayPDFRenderer: Sendable {
    /// Print scene numbers left of each heading and past the right edge of
    /// the action column, as shooting scripts do. A heading with a `#n#`
    /// number prints it; one without gets the next number after the last
    /// numbered scene (1, 2, … when the script numbers none).
    public var sceneNumbers: Bool
    public var title: String?
    public var author: String?
    public var fallbackFonts: FallbackFonts
    public var compress: Bool

    public init(sceneNumbers: Bool = false, title: String? = nil, author: String? = nil,
                fallbackFonts: FallbackFonts = .system, compress: Bool = true) {
        self.sceneNumbers = sceneNumbers
        self.title = title
        self.author = author
        self.fallbackFonts = fallbackFonts
        self.compress = compress
    }

    /// The PDF for `layout`: title page first if there is one.
    public func render(_ layout: ScreenplayLayout) -> PDFOutput {
        let grid = PageGrid(paper: layout.paper)
        var numbering = SceneNumbering()
        var pages: [PDFPage] = []
        pages.reserveCapacity(layout.allPages.count)
        var bookmarks: [PDFBookmark] = []
        for page in layout.allPages {
            // One bookmark per scene, so a reader can jump through the script.
            var previous: PageLine?
            for line in page.lines where !page.isTitlePage {
                defer { previous = line }
                guard line.kind == .sceneHeading,
                      !(previous?.kind == .sceneHeading && previous?.row == line.row - 1) else { continue }
                let number = line.sceneNumber.map { $0 + ". " } ?? ""
                bookmarks.append(PDFBookmark(title: number + line.text, page: pages.count,
                                             top: grid.baseline(line: line.row) + PageGrid.pointsPerLine))
            }
            pages.append(self.page(for: page, grid: grid, numbering: &numbering))
        }
        return PDFDocumentWriter(title: title, author: author, fallbackFonts: fallbackFonts, compress: compress)
            .write(pages, bookmarks: bookmarks)
    }

    func page(for page: Page, grid: PageGrid, numbering: inout SceneNumbering) -> PDFPage {
        var pdf = PDFPage(paper: grid.paper)
        pdf.runs.reserveCapacity(page.lines.count + 2)
        let rightEdge = grid.paper.rightEdgeColumn
        if let number = page.printedNumber {
            pdf.runs.append(PDFTextRun(text: number, x: grid.x(column: rightEdge - number.count),
                                       baseline: grid.pageNumberBaseline))
        }
        var previous: PageLine?
        for line in page.lines {
            defer { previous = line }
            let baseline = grid.baseline(line: line.row)
            var column = line.column
            for run in line.runs where !run.text.isEmpty {
                let style = PDFFontStyle(bold: run.style.contains(.bold), italic: run.style.contains(.italic))
                pdf.runs.append(PDFTextRun(text: run.text, x: grid.x(column: column), baseline: baseline,
                                           style: style, underline: run.style.contains(.underline)))
                column += FontState.isPlainASCII(run.text) ? run.text.utf8.count : run.text.count
            }
            // A heading's wrapped second line continues it and takes no number.
            let startsHeading = line.kind == .sceneHeading
                && !(previous?.kind == .sceneHeading && previous?.row == line.row - 1)
            if sceneNumbers, startsHeading, !page.isTitlePage {
                let number = numbering.next(explicit: line.sceneNumber)
                // Left: ending two columns before the heading; right: one past the action edge.
                let left = max(0, line.column - 2 - number.count)
                pdf.runs.append(PDFTextRun(text: number, x: grid.x(column: left), baseline: baseline))
                pdf.runs.append(PDFTextRun(text: number, x: grid.x(column: rightEdge + 1), baseline: baseline))
            }
        }
        return pdf
    }
}

/// Numbers for scenes that have none: one more than the last number seen
/// (its leading digits), so `#5#`, then an unnumbered scene, gives 6.
struct SceneNumbering {
    private var last = 0

    mutating func next(explicit: String?) -> String {
        if let explicit, !explicit.isEmpty {
            if let value = Int(explicit.prefix { $0.isASCII && $0.isNumber }) { last = value }
            return explicit
        }
        last += 1
        return String(last)
    }
}
