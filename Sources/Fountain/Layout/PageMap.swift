/// Where every printed line of a screenplay lands, measured straight from the
/// source bytes: a flat buffer of line records (page, row, the block and row
/// they come from) and no text. Page counts read it as is; `layout()` builds
/// the lines' styled text on demand, for exporters and the PDF writer.
///
/// Built by `FountainDocument.pageMap(paper:notes:)`; `layout()` gives exactly
/// what `FountainDocument.layout(paper:notes:)` gives (it is how that is made).
public struct PageMap: Sendable {
    public let paper: PaperSize
    /// Whether notes print (`export --to pdf --notes`).
    public let notes: Bool
    let document: FountainDocument
    let blocks: [PrintBlock]
    let stream: RowStream
    let placer: PagePlacer

    init(document: FountainDocument, paper: PaperSize, notes: Bool) {
        self.paper = paper
        self.notes = notes
        self.document = document
        let blocks = document.printBlocks(notes: notes)
        var stream = RowStream(expectedRows: document.source.lineCount * 2)
        RowMeasurer.measureAll(blocks, of: document, paper: paper, notes: notes, into: &stream)
        self.blocks = blocks
        self.stream = stream
        self.placer = PagePlacer(stream, linesPerPage: paper.linesPerPage)
    }

    /// Script pages, not counting the title page: the number writers quote.
    public var pageCount: Int { placer.pageCount }

    /// The title page and the script pages with every line's styled text.
    public func layout() -> ScreenplayLayout {
        let paginator = Paginator(paper: paper)
        let pages = placer.pages(stream) { index in
            document.layoutBlock(blocks[index], notes: notes).map(paginator.lay)
        }
        return ScreenplayLayout(paper: paper,
                                titlePage: document.titlePageBlock().flatMap { TitlePageLayout(paper: paper).layout($0) },
                                pages: pages)
    }
}

extension FountainDocument {
    /// Pagination without the text (see `PageMap`): what a page count needs,
    /// several times cheaper than `layout(paper:notes:)`.
    public func pageMap(paper: PaperSize = .letter, notes: Bool = false) -> PageMap {
        PageMap(document: self, paper: paper, notes: notes)
    }
}
