/// Entry point of parsing: title page, then the body.
enum FountainParser {
    struct Result {
        var titlePage: [TitlePageEntry]
        var elements: [Element]
        /// Offset of the last `*/` (see `LineViewScanner`), -1 if none.
        var lastCloser: Int
        /// First line after the title page.
        var bodyStart: Int
    }

    static func parse(_ source: SourceText) -> Result {
        source.bytes.withUnsafeBufferPointer { buf in
            let lastCloser = LineViewScanner.lastCloserOffset(buf)
            let (titlePage, bodyStart) = TitlePageParser.parse(buf, source.lineTable)
            // Texts point into the source array (no copy); the first edit copies the array once.
            var parser = BlockParser(buf: buf, sharedSource: source.bytes, table: source.lineTable, lastCloser: lastCloser,
                                     start: bodyStart, expectedLines: source.lineCount)
            _ = parser.run(from: bodyStart) { _ in false }
            parser.finishTexts()
            parser.attachSpans(from: 0)
            return Result(titlePage: titlePage, elements: parser.elements, lastCloser: lastCloser, bodyStart: bodyStart)
        }
    }
}
