/// Re-parses a document after a line edit, touching only the paragraphs
/// the edit can change.
enum IncrementalParser {
    static func apply(to doc: inout FountainDocument, lines range: Range<Int>, newLines: [[UInt8]]) {
        _ = doc.source.replaceLines(range, with: newLines)
        let result = FountainParser.parse(doc.source)
        doc.titlePage = result.titlePage
        doc.elements = result.elements
    }
}
