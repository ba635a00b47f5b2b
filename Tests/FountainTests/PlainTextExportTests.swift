import Testing
@testable import Fountain

/// Paged plain text: the reference's columns, page numbers from page 2, one
/// page per form feed.
@Suite struct PlainTextExportTests {
    func pages(_ script: String, paper: PaperSize = .letter) -> [[Substring]] {
        PlainTextExporter.render(FountainDocument(parsing: script).layout(paper: paper))
            .split(separator: "\u{0C}", omittingEmptySubsequences: false)
            .map { $0.split(separator: "\n", omittingEmptySubsequences: false) }
    }

    func column(_ line: Substring) -> Int { line.prefix(while: { $0 == " " }).count }

    @Test func elementsSitInTheirPageColumns() throws {
        let page = try #require(pages("""
            INT. KITCHEN - DAY

            Anna waits.

            ANNA
            (quietly)
            Hello there.

            CUT TO:

            >THE END<

            """).first)
        func line(_ text: String) throws -> Substring { try #require(page.first { $0.contains(text) }) }
        #expect(column(try line("INT. KITCHEN")) == 15)
        #expect(column(try line("Anna waits.")) == 15)
        #expect(column(try line("ANNA")) == 35)
        #expect(column(try line("(quietly)")) == 30)
        #expect(column(try line("Hello there.")) == 25)
        // Transitions end at the action column's right edge (1.5" + 6.1").
        #expect(try line("CUT TO:").count == 76)
        #expect(column(try line("THE END")) == 15 + (61 - 7) / 2)
    }

    @Test func pageNumbersStartOnPageTwoAtTheRightEdge() {
        let result = pages("One.\n\n===\n\nTwo.\n\n===\n\nThree.\n")
        #expect(result.count == 3)
        #expect(result[0][0].isEmpty)
        #expect(result[1][0] == Substring(String(repeating: " ", count: 74) + "2."))
        #expect(result[2][0].hasSuffix("3."))
    }

    @Test func titlePageIsItsOwnPageWithoutANumber() {
        let result = pages("Title: Salt Line\nAuthor: Ada\n\nINT. PIER - NIGHT\n\nWaves.\n")
        #expect(result.count == 2)
        #expect(result[0].contains { $0.contains("Salt Line") })
        #expect(!result[0].contains { $0.hasSuffix("1.") })
        #expect(result[1].contains { $0.contains("INT. PIER - NIGHT") })
    }

    @Test func a4WrapsActionAtFiftyEightColumns() {
        let long = Array(repeating: "abcd", count: 30).joined(separator: " ")
        let letter = pages(long + "\n").flatMap { $0 }.filter { $0.contains("abcd") }
        let a4 = pages(long + "\n", paper: .a4).flatMap { $0 }.filter { $0.contains("abcd") }
        #expect(letter.allSatisfy { $0.count - 15 <= 61 })
        #expect(a4.allSatisfy { $0.count - 15 <= 58 })
        #expect(letter.map { $0.count }.max() == 15 + 59)  // 12 words of 4 + 11 spaces
        #expect(a4.map { $0.count }.max() == 15 + 54)      // 11 words + 10 spaces
    }

    @Test func sceneNumbersPrintInBothMargins() throws {
        let page = try #require(pages("INT. PIER - NIGHT #12#\n\nWaves.\n").first)
        let heading = try #require(page.first { $0.contains("PIER") })
        #expect(heading.hasPrefix("        12     INT. PIER - NIGHT"))
        #expect(heading.hasSuffix(" 12"))
    }

    @Test func extraBlankLinesBetweenActionParagraphsAreKept() {
        let layout = FountainDocument(parsing: "Waves.\n\n\n\nSilence.\n\nThen gulls.\n\nANNA\nHi.\n\n\n\nEnd.\n").layout()
        let rows = Dictionary(uniqueKeysWithValues: layout.pages[0].lines.map { ($0.text, $0.row) })
        #expect(rows["Waves."] == 0)
        #expect(rows["Silence."] == 4)      // three blank lines kept
        #expect(rows["Then gulls."] == 6)   // the usual one
        #expect(rows["End."] == 11)         // after dialogue: the usual one only
    }

    @Test func extraBlankLinesDoNotStartAPage() {
        let script = (1...53).map { "Line \($0)." }.joined(separator: "\n") + "\n\n\n\n\n\n\nNext page.\n"
        let layout = FountainDocument(parsing: script).layout()
        #expect(layout.pages.count == 2)
        #expect(layout.pages[1].lines.first?.row == 0)
        #expect(layout.pages[1].lines.first?.text == "Next page.")
    }

    @Test func notesSectionsSynopsesAndBoneyardDoNotPrint() {
        let text = pages("# Act\n\n= Synopsis here.\n\nWaves [[a note]] roll.\n\n/* gone */\n\n[[Standalone]]\n").flatMap { $0 }.joined(separator: "\n")
        #expect(text.contains("Waves roll."))
        for hidden in ["Act", "Synopsis", "a note", "gone", "Standalone"] { #expect(!text.contains(hidden)) }
    }
}
