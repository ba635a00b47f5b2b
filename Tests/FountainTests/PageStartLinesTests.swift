import Foundation
import Testing
@testable import Fountain

/// `PageMap.pageStartLines`: one start per page, in order, each on the source
/// line that prints the page's first line — checked against the laid-out
/// pages' text, including pages that begin inside a split speech or action
/// paragraph.
@Suite struct PageStartLinesTests {
    /// `text` as it could print: emphasis markers and forcing characters
    /// gone, upper-cased (headings, cues and transitions print in capitals).
    static func printable(_ text: String) -> String {
        String(text.uppercased().filter { !"*_@!~>.<#".contains($0) })
    }

    static func check(_ document: FountainDocument, _ name: String) {
        let map = document.pageMap()
        let starts = map.pageStartLines()
        let pages = map.layout().pages
        #expect(starts.count == map.pageCount, "\(name)")
        #expect(starts.first == 0, "\(name)")
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 }, "\(name): \(starts)")
        for (index, page) in pages.enumerated().dropFirst() {
            // A page that goes on with a speech begins with `NAME (CONT'D)`, printed by the break.
            guard let first = page.lines.first(where: { !$0.text.contains("(CONT'D)") }) else { continue }
            let printed = printable(first.text).trimmingCharacters(in: .whitespaces)
            #expect(printable(document.source.lines[starts[index]]).contains(printed),
                    "\(name) page \(index + 1): starts at line \(starts[index]) '\(document.source.lines[starts[index]])', prints '\(first.text)'")
        }
    }

    @Test func theFeatureScriptsPagesBeginWhereTheyPrint() throws {
        let document = try FeaturePageCountTests.featureScript()
        Self.check(document, "feature")
        // Some of its pages begin inside a block: the check above covers the mapping inside one.
        let map = document.pageMap()
        let blockStarts = Set(document.elements.map(\.lines.lowerBound))
        #expect(map.pageStartLines().contains { !blockStarts.contains($0) })
    }

    @Test func theExamplesPagesBeginWhereTheyPrint() throws {
        for (name, document) in try ExamplesTests.examples() {
            Self.check(document, name)
        }
    }

    @Test func aSplitSpeechResumesOnTheLineThatGoesOnPrinting() {
        // One long speech, one source line per sentence: the break falls between two of them.
        let lines = (1...80).map { "Line number \($0) of the longest speech in the harbour." }
        let document = FountainDocument(parsing: "INT. PIER - NIGHT\n\nVERA\n" + lines.joined(separator: "\n") + "\n")
        let starts = document.pageMap().pageStartLines()
        #expect(starts.count >= 2)
        for start in starts.dropFirst() {
            #expect(document.source.lines[start].hasPrefix("Line number "), "\(starts)")
        }
        Self.check(document, "split speech")
    }

    @Test func anEmptyScriptHasNoPagesAndOneStartIsNeverInvented() {
        let document = FountainDocument(parsing: "")
        #expect(document.pageMap().pageStartLines() == Array(repeating: 0, count: document.pageMap().pageCount))
    }
}
