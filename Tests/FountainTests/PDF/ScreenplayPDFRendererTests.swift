import Foundation
import Testing
@testable import Fountain

@Suite struct ScreenplayPDFRendererTests {
    private func layout(_ blocks: [LayoutBlock], paper: PaperSize = .letter) -> ScreenplayLayout {
        ScreenplayLayout(blocks: blocks, titlePage: nil, paper: paper)
    }

    private func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    @Test func elementsLandInTheirColumns() throws {
        let blocks: [LayoutBlock] = [
            .sceneHeading([TextRun("INT. VAULT - NIGHT")], number: "12A"),
            .action([[TextRun("Marlowe kneels.")]]),
            .dialogue(Speech(cue: "MARLOWE", parts: [.parenthetical([TextRun("(quietly)")]), .line([TextRun("Two more turns.")])])),
            .transition([TextRun("CUT TO:")]),
        ]
        let output = ScreenplayPDFRenderer(sceneNumbers: true).render(layout(blocks))
        let words = try Poppler.words(output.data)
        func column(_ text: String) throws -> Int { try #require(words.first { $0.text == text }).column }
        #expect(try column("INT.") == 15)
        #expect(try column("Marlowe") == 15)
        #expect(try column("MARLOWE") == 35)
        #expect(try column("(quietly)") == 30)
        #expect(try column("Two") == 25)
        // Transition ends at the action column's right edge (column 76 on Letter).
        let cut = try #require(words.first { $0.text == "TO:" })
        #expect(Int((cut.xMax / 7.2).rounded()) == 76)
        // Scene number in both margins, on the heading's line.
        let numbers = words.filter { $0.text == "12A" }
        #expect(numbers.map(\.column) == [10, 77])
        #expect(numbers.allSatisfy { abs($0.yMin - (words.first { $0.text == "INT." }?.yMin ?? 0)) < 0.5 })
    }

    @Test func unnumberedScenesContinueFromTheLastNumber() throws {
        let blocks: [LayoutBlock] = [
            .sceneHeading([TextRun("INT. ONE - DAY")], number: nil),
            .sceneHeading([TextRun("INT. FIVE - DAY")], number: "5"),
            .sceneHeading([TextRun("INT. AFTER FIVE - DAY A HEADING LONG ENOUGH TO WRAP ONTO A SECOND LINE OF THE PAGE")], number: nil),
        ]
        let words = try Poppler.words(ScreenplayPDFRenderer(sceneNumbers: true).render(layout(blocks)).data)
        let numbers = words.filter { $0.column < 15 }.map(\.text)
        #expect(numbers == ["1", "5", "6"])
        let unnumbered = try Poppler.words(ScreenplayPDFRenderer().render(layout(blocks)).data)
        #expect(!unnumbered.contains { $0.column < 15 })
    }

    @Test func everySceneIsABookmarkOnItsPage() throws {
        var blocks: [LayoutBlock] = [.sceneHeading([TextRun("INT. VAULT - NIGHT")], number: "1")]
        blocks += (0..<30).map { LayoutBlock.action([[TextRun("Line \($0).")]]) }
        blocks.append(.sceneHeading([TextRun("EXT. ROOF - DAWN")], number: nil))
        let output = ScreenplayPDFRenderer().render(layout(blocks))
        let xml = try Poppler.run("pdftohtml", ["-xml", "-i", "-stdout", "-q"], pdf: output.data)
        #expect(xml.contains("<item page=\"1\">1. INT. VAULT - NIGHT</item>"))
        #expect(xml.contains("<item page=\"2\">EXT. ROOF - DAWN</item>"))
        // No scenes, no outline.
        let plain = ScreenplayPDFRenderer().render(layout([.action([[TextRun("Just action.")]])]))
        #expect(!String(decoding: plain.data, as: UTF8.self).contains("/Outlines"))
    }

    @Test func pageNumbersFromPageTwoOnly() throws {
        let many = (0..<80).map { LayoutBlock.action([[TextRun("Line \($0) of action.")]]) }
        let rendered = layout(many)
        #expect(rendered.pages.count >= 2)
        let output = ScreenplayPDFRenderer().render(rendered)
        let pages = try Poppler.text(output.data).split(separator: "\u{0C}", omittingEmptySubsequences: false)
        #expect(!pages[0].contains("1."))
        let second = pages[1].split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(second?.trimmingCharacters(in: .whitespaces) == "2.")
        // Geometry: the number's top 0.5" below the page edge, right edge at
        // column 76; the first text line's top 1.0" below the edge.
        let words = try Poppler.words(output.data)
        let number = try #require(words.first { $0.page == 2 && $0.text == "2." })
        #expect(abs(number.yMin - 36) < 3)
        #expect(abs(number.xMax - 76 * 7.2) < 0.5)
        let firstLine = try #require(words.first { $0.page == 2 && $0.text == "Line" })
        #expect(abs(firstLine.yMin - 72) < 3)
        #expect(firstLine.column == 15)
    }

    @Test func stylesUseCourierFacesAndUnderline() throws {
        let blocks: [LayoutBlock] = [.action([[TextRun("plain "), TextRun("bold", style: .bold), TextRun(" "),
                                               TextRun("italic", style: .italic), TextRun(" "),
                                               TextRun("both", style: [.bold, .italic]), TextRun(" "),
                                               TextRun("under", style: .underline)]])]
        let output = ScreenplayPDFRenderer(compress: false).render(layout(blocks))
        let fonts = try Poppler.fonts(output.data)
        for face in ["Courier ", "Courier-Bold ", "Courier-Oblique ", "Courier-BoldOblique "] {
            #expect(fonts.contains(face), "\(face)")
        }
        #expect(try Poppler.text(output.data, layout: false).contains("plain bold italic both under"))
        // One stroked underline, 5 columns long, starting after "plain bold italic both " (23 columns).
        let file = String(decoding: output.data, as: UTF8.self)
        let x0 = 15 * 7.2 + 23 * 7.2, x1 = x0 + 5 * 7.2
        #expect(file.contains(" w \(PDFNumber.format(x0)) ") && file.contains(" m \(PDFNumber.format(x1)) "))
    }

    @Test func dualDialogueSitsSideBySide() throws {
        let blocks: [LayoutBlock] = [.dualDialogue(
            Speech(cue: "VERA", parts: [.line([TextRun("Run!")])]),
            Speech(cue: "MARLOWE", parts: [.line([TextRun("Hide!")])]))]
        let text = try Poppler.text(ScreenplayPDFRenderer().render(layout(blocks)).data)
        let cues = try #require(lines(text).first { $0.contains("VERA") })
        #expect(cues.contains("MARLOWE"))
        let speech = try #require(lines(text).first { $0.contains("Run!") })
        #expect(speech.contains("Hide!"))
    }

    @Test func a4UsesA4Paper() throws {
        let output = ScreenplayPDFRenderer().render(layout([.action([[TextRun("A4.")]])], paper: .a4))
        #expect(try Poppler.info(output.data)["Page size"]?.contains("A4") == true)
    }
}
