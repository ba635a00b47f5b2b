import Testing
@testable import Fountain

struct SourcePositionTests {
    let doc = FountainDocument(parsing: "Title: T\n\nINT. A - DAY\n\nJOHN\n(beat)\nHi there.\n\nÉté *chaud*.\n")

    @Test func elementLinesAndNumbers() {
        #expect(doc.elements.map(\.lines) == [2..<3, 4..<5, 5..<6, 6..<7, 8..<9])
        #expect(doc.elements.map(\.lineNumber) == [3, 5, 6, 7, 9])
        #expect(doc.elements[3].lineNumbers == 7...7)
    }

    @Test func elementContainingLine() {
        #expect(doc.elementIndex(containingLine: 5) == 2)
        #expect(doc.elementIndex(containingLine: 3) == nil)
        #expect(doc.elementIndex(containingLine: 0) == nil)
        #expect(doc.elementIndex(containingLine: 8) == 4)
        #expect(doc.elementIndex(containingLine: 99) == nil)
    }

    @Test func columnsAreUTF8AndConvertible() {
        let e = doc.elements[4]
        let span = e.spans[0]
        #expect(span.range.lowerBound.column == 6)  // "Été " is 6 bytes
        #expect(doc.source.characterColumn(line: 8, utf8Column: 6) == 4)
        #expect(doc.source.utf8Column(line: 8, characterColumn: 4) == 6)
        #expect(e.range == SourcePosition(line: 8, column: 0)..<SourcePosition(line: 8, column: 14))
    }
}
