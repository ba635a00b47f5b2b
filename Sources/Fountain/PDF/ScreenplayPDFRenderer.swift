/// Places a laid-out screenplay (`ScreenplayLayout`, from the paginator in
/// Sources/Fountain/Layout) on PDF pages: every `PageLine` at its column and
/// row on the Courier grid, styles through the Courier faces, page numbers
/// top right from page 2, and optionally scene numbers in both margins.
///
/// Pagination decisions ((MORE)/(CONT'D), dual dialogue columns, what is
/// printed at all) are the layout's; this type only draws.
public struct ScreenplayPDFRenderer: Sendable {
    /// Print each numbered scene's number left of the heading and past the
    /// right edge of the action column, as shooting scripts do.
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
        let pages = layout.allPages.map { page(for: $0, grid: grid) }
        return PDFDocumentWriter(title: title, author: author, fallbackFonts: fallbackFonts, compress: compress)
            .write(pages)
    }

    func page(for page: Page, grid: PageGrid) -> PDFPage {
        var pdf = PDFPage(paper: grid.paper)
        pdf.runs.reserveCapacity(page.lines.count + 2)
        let rightEdge = grid.paper.rightEdgeColumn
        if let number = page.printedNumber {
            pdf.runs.append(PDFTextRun(text: number, x: grid.x(column: rightEdge - number.count),
                                       baseline: grid.pageNumberBaseline))
        }
        for line in page.lines {
            let baseline = grid.baseline(line: line.row)
            var column = line.column
            for run in line.runs where !run.text.isEmpty {
                let style = PDFFontStyle(bold: run.style.contains(.bold), italic: run.style.contains(.italic))
                pdf.runs.append(PDFTextRun(text: run.text, x: grid.x(column: column), baseline: baseline,
                                           style: style, underline: run.style.contains(.underline)))
                column += run.text.count
            }
            if sceneNumbers, let number = line.sceneNumber, !number.isEmpty {
                // Left: ending two columns before the heading; right: one past the action edge.
                let left = max(0, line.column - 2 - number.count)
                pdf.runs.append(PDFTextRun(text: number, x: grid.x(column: left), baseline: baseline))
                pdf.runs.append(PDFTextRun(text: number, x: grid.x(column: rightEdge + 1), baseline: baseline))
            }
        }
        return pdf
    }
}
