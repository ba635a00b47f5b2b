import Testing
@testable import Fountain

/// Pagination rules from reference/screenplay-layout.md, one test per rule,
/// on hand-built blocks so each count can be checked by hand.
@Suite struct PaginationTests {
    // MARK: - Helpers

    /// An action block of `n` one-word source lines (one printed row each).
    func action(_ n: Int, tag: String = "a") -> LayoutBlock {
        .action((1...n).map { [TextRun("\(tag)\($0)")] })
    }

    func speech(_ cue: String, _ lines: [String]) -> Speech {
        Speech(cue: cue, parts: lines.map { $0.hasPrefix("(") ? .parenthetical([TextRun($0)]) : .line([TextRun($0)]) })
    }

    func pages(_ blocks: [LayoutBlock], paper: PaperSize = .letter) -> [Page] {
        Paginator(paper: paper).paginate(blocks)
    }

    func texts(_ page: Page) -> [String] { page.lines.map(\.text) }

    // MARK: - Geometry

    @Test func elementColumnsFollowTheReference() {
        let result = pages([
            .sceneHeading([TextRun("int. kitchen - day")], number: "1"),
            action(1),
            .dialogue(speech("ANNA", ["(quietly)", "Hello."])),
            .transition([TextRun("CUT TO:")]),
        ])
        let lines = result[0].lines
        #expect(lines.map(\.kind) == [.sceneHeading, .action, .character, .parenthetical, .dialogue, .transition])
        #expect(lines.map(\.column) == [15, 15, 35, 30, 25, 76 - 7])
        #expect(lines[0].text == "INT. KITCHEN - DAY")
        #expect(lines[0].sceneNumber == "1")
        // One blank row between blocks, none inside a speech.
        #expect(lines.map(\.row) == [0, 2, 4, 5, 6, 8])
    }

    @Test func wrapsAtEachElementsWidth() {
        let words = Array(repeating: "word", count: 40).joined(separator: " ")  // 199 characters
        let result = pages([.action([[TextRun(words)]]), .dialogue(speech("BO", ["(" + words + ")", words]))])
        let lines = result[0].lines
        for line in lines {
            switch line.kind {
            case .action: #expect(line.text.count <= 61)
            case .parenthetical: #expect(line.text.count <= 26)
            case .dialogue: #expect(line.text.count <= 36)
            default: break
            }
        }
        // 199 characters in 5-character steps: 12 words (59 chars) per 61-column line.
        #expect(lines.filter { $0.kind == .action }.count == 4)
        #expect(lines.filter { $0.kind == .dialogue }.count == 6)  // 7 words (34 chars) per line
        let a4 = pages([.action([[TextRun(words)]])], paper: .a4)[0].lines
        #expect(a4.allSatisfy { $0.text.count <= 58 })
    }

    @Test func wordLongerThanTheWidthIsCutNotLost() {
        let long = String(repeating: "x", count: 80)
        let lines = pages([.action([[TextRun(long)]])])[0].lines
        #expect(lines.map { $0.text.count } == [61, 19])
    }

    @Test func stylesSurviveWrapping() {
        let runs = [TextRun("plain "), TextRun(String(repeating: "bold ", count: 20), style: .bold)]
        let lines = pages([.action([runs])])[0].lines
        #expect(lines[0].runs.first == TextRun("plain "))
        #expect(lines.dropFirst().allSatisfy { $0.runs.allSatisfy { $0.style == .bold } })
    }

    @Test func centredTextIsCentredInTheActionColumn() {
        let lines = pages([.centered([[TextRun("THE END")]])])[0].lines
        #expect(lines[0].column == 15 + (61 - 7) / 2)
    }

    @Test func dualDialogueSitsSideBySide() {
        let result = pages([.dualDialogue(speech("ANNA", ["Left."]), speech("BO", ["Right.", "More."]))])
        let lines = result[0].lines
        let anna = lines.first { $0.text == "ANNA" }!, bo = lines.first { $0.text == "BO" }!
        #expect(anna.row == bo.row)
        #expect(anna.column < 46 && bo.column >= 46)
        let left = lines.first { $0.text == "Left." }!, right = lines.first { $0.text == "Right." }!
        #expect(left.row == right.row)
        #expect(lines.filter { $0.kind == .dialogue }.allSatisfy { $0.text.count <= 27 })
    }

    // MARK: - Page size

    @Test func pagesHoldFiftyFiveLinesOnLetterAndFiftySevenOnA4() {
        let blocks = (0..<40).map { action(3, tag: "b\($0)-") }  // 40 × (3 + 1 blank) rows
        for paper in PaperSize.allCases {
            let result = pages(blocks, paper: paper)
            #expect(result.allSatisfy { page in page.lines.allSatisfy { $0.row < paper.linesPerPage } })
            // Three-line blocks with one blank: 14 per page (14 × 4 − 1 = 55 rows; A4's extra 2 hold no block).
            #expect(result[0].lines.count == 14 * 3)
            let total = result.reduce(0) { $0 + $1.lines.count }
            #expect(total == 40 * 3)
        }
    }

    @Test func pageNeverStartsWithABlankRow() {
        let result = pages((0..<30).map { action(5, tag: "c\($0)-") })
        #expect(result.count > 1)
        for page in result.dropFirst() { #expect(page.lines.first?.row == 0) }
    }

    // MARK: - Breaking rules

    @Test func dialogueSplitsWithMoreAndContinuedCue() {
        // action(n) fills rows 0..<n and a blank; 51 leave rows 52–54: cue, first line, (MORE).
        let result = pages([action(51), .dialogue(speech("NELL", ["One.", "Two.", "Three."]))])
        #expect(result.count == 2)
        #expect(Array(texts(result[0]).suffix(3)) == ["NELL", "One.", "(MORE)"])
        let more = result[0].lines.last!
        #expect(more.kind == .more && more.column == 35 && more.row == 54)
        #expect(texts(result[1]) == ["NELL (CONT'D)", "Two.", "Three."])
        #expect(result[1].lines.map(\.row) == [0, 1, 2])
    }

    @Test func continuedCueIsNotDoubled() {
        let result = pages([action(51), .dialogue(speech("NELL (CONT'D)", ["One.", "Two.", "Three."]))])
        #expect(texts(result[1]).first == "NELL (CONT'D)")
    }

    @Test func extensionIsKeptOnTheContinuedCue() {
        let result = pages([action(51), .dialogue(speech("MOM (O.S.)", ["One.", "Two.", "Three."]))])
        #expect(texts(result[1]).first == "MOM (O.S.) (CONT'D)")
    }

    @Test func dialogueDoesNotBreakBetweenCueAndFirstLine() {
        // Rows 53–54 free: cue and first line fit but (MORE) would not.
        let result = pages([action(52), .dialogue(speech("NELL", ["One.", "Two.", "Three."]))])
        #expect(result.count == 2)
        #expect(!texts(result[0]).contains("NELL"))
        #expect(texts(result[1]) == ["NELL", "One.", "Two.", "Three."])
    }

    @Test func dialogueBreaksBeforeALaterParentheticalButNotAfterOne() {
        let lines = ["One.", "(beat)", "Two.", "Three.", "Four.", "Five."]
        // Rows 51–54 free: breaking before "Two." (after the parenthetical) would fit 4 rows but is
        // not allowed; the break goes before "(beat)".
        let tight = pages([action(50), .dialogue(speech("NELL", lines))])
        #expect(texts(tight[0]).suffix(3) == ["NELL", "One.", "(MORE)"])
        #expect(texts(tight[1]) == ["NELL (CONT'D)", "(beat)", "Two.", "Three.", "Four.", "Five."])
        // Rows 49–54 free: the latest allowed break that leaves room for (MORE) is before "Four.".
        let roomier = pages([action(48), .dialogue(speech("NELL", lines))])
        #expect(texts(roomier[0]).suffix(6) == ["NELL", "One.", "(beat)", "Two.", "Three.", "(MORE)"])
        #expect(texts(roomier[1]) == ["NELL (CONT'D)", "Four.", "Five."])
    }

    @Test func dialoguePrefersToBreakAtTheEndOfASentence() {
        // Rows 51–54 free: the latest fitting break is before "goes on." (mid-sentence); one line
        // earlier, after "First sentence ends here.", is a sentence end.
        let result = pages([action(50), .dialogue(speech("NELL", ["First sentence ends here.", "Second", "goes on.", "Third."]))])
        #expect(texts(result[0]).suffix(3) == ["NELL", "First sentence ends here.", "(MORE)"])
        #expect(texts(result[1]) == ["NELL (CONT'D)", "Second", "goes on.", "Third."])
    }

    @Test func sceneHeadingIsNeverTheLastLineOfAPage() {
        // Only row 54 free: the heading would end the page with its action on the next.
        let result = pages([action(53), .sceneHeading([TextRun("EXT. PIER - NIGHT")], number: nil), action(2, tag: "x")])
        #expect(result.count == 2)
        #expect(result[0].lines.allSatisfy { $0.kind == .action })
        #expect(result[1].lines.first?.kind == .sceneHeading)
        #expect(result[1].lines.first?.row == 0)
    }

    @Test func sceneHeadingStaysWithTheFirstLinesOfALongActionThatSplits() {
        // 44 rows + blank; heading at 45, blank, action from row 47: 8 rows fit, 2 must remain.
        let result = pages([action(44), .sceneHeading([TextRun("EXT. PIER - NIGHT")], number: nil), action(10, tag: "x")])
        #expect(result[0].lines.last?.text == "x8")
        #expect(texts(result[1]) == ["x9", "x10"])
    }

    @Test func characterCueIsNeverTheLastLineOfAPage() {
        // Only row 54 free: the cue alone would end the page.
        let result = pages([action(53), .dialogue(speech("NELL", ["One.", "Two."]))])
        #expect(result[0].lines.allSatisfy { $0.kind == .action })
        #expect(texts(result[1]).first == "NELL")
    }

    @Test func noBreakJustBeforeATransition() {
        // 48 rows, blank, 3 rows end at row 51; the transition (row 53) fits. With 50 it would not.
        let fits = pages([action(48), action(3, tag: "y"), .transition([TextRun("CUT TO:")])])
        #expect(fits.count == 1)
        let result = pages([action(50), action(3, tag: "y"), .transition([TextRun("CUT TO:")])])
        #expect(result.count == 2)
        #expect(texts(result[1]) == ["y1", "y2", "y3", "CUT TO:"])
    }

    @Test func shortActionIsNotSplit() {
        let result = pages([action(52), action(3, tag: "s")])
        #expect(texts(result[1]) == ["s1", "s2", "s3"])
    }

    @Test func longActionKeepsTwoLinesOnEachSideOfTheBreak() {
        // Rows 52–54 free. A 4-line block splits 2 + 2, never 3 + 1.
        let four = pages([action(51), action(4, tag: "f")])
        #expect(texts(four[0]).suffix(2) == ["f1", "f2"])
        #expect(texts(four[1]) == ["f3", "f4"])
        // A 6-line block: 3 here, 3 there.
        let six = pages([action(51), action(6, tag: "g")])
        #expect(texts(six[0]).suffix(3) == ["g1", "g2", "g3"])
        #expect(texts(six[1]) == ["g4", "g5", "g6"])
        // With one free row the block moves whole rather than leave one line behind.
        let tight = pages([action(53), action(6, tag: "h")])
        #expect(texts(tight[1]) == ["h1", "h2", "h3", "h4", "h5", "h6"])
    }

    @Test func forcedPageBreakStartsANewPage() {
        let result = pages([action(2), .pageBreak, action(2, tag: "n")])
        #expect(result.count == 2)
        #expect(texts(result[1]) == ["n1", "n2"])
        #expect(result.map(\.number) == [1, 2])
    }

    @Test func pageBreakOnAnEmptyPageAddsNoBlankPage() {
        let result = pages([.pageBreak, action(2), .pageBreak, .pageBreak, action(1)])
        #expect(result.count == 2)
    }

    @Test func blockTallerThanAPageStillTerminates() {
        let result = pages([.dualDialogue(speech("A", (1...80).map { "l\($0)" }), speech("B", ["x"]))])
        #expect(result.count == 2)
        #expect(result.reduce(0) { $0 + $1.lines.count } == 81 + 2)
    }

    // MARK: - Title page and numbers

    @Test func titlePageIsItsOwnUnnumberedPage() throws {
        let title = TitlePageBlock(fields: [
            (key: "Title", lines: [[TextRun("SALT LINE", style: .bold)], [TextRun("a mystery")]]),
            (key: "Author", lines: [[TextRun("Ada")]]),
            (key: "Contact", lines: [[TextRun("1 Pier Road")], [TextRun("Leeds")]]),
            (key: "Notes", lines: [[TextRun("not printed")]]),
        ])
        let layout = ScreenplayLayout(blocks: [action(1)], titlePage: title, paper: .letter)
        let page = try #require(layout.titlePage)
        #expect(page.isTitlePage && page.printedNumber == nil)
        #expect(!texts(page).contains("not printed"))
        let titleLine = try #require(page.lines.first { $0.text == "SALT LINE" })
        #expect(titleLine.column == 15 + (61 - 9) / 2 && titleLine.runs[0].style == .bold)
        #expect(page.lines.first { $0.text == "Leeds" }?.row == 54)
        #expect(page.lines.first { $0.text == "1 Pier Road" }?.column == 15)
        #expect(layout.pageCount == 1 && layout.allPages.count == 2)
    }

    @Test func pageNumbersArePrintedFromPageTwo() {
        let result = pages([action(1), .pageBreak, action(1), .pageBreak, action(1)])
        #expect(result.map(\.printedNumber) == [nil, "2.", "3."])
    }
}
