import Foundation
import Testing
@testable import Fountain

@Suite struct PDFDocumentWriterTests {
    private func page(_ lines: [String], paper: PaperSize = .letter, style: PDFFontStyle = .regular) -> PDFPage {
        var page = PDFPage(paper: paper)
        for (i, line) in lines.enumerated() {
            page.runs.append(PDFTextRun(text: line, x: 108, baseline: paper.sizeInPoints.height - 81 - 12 * Double(i), style: style))
        }
        return page
    }

    @Test func popplerReadsPagesSizeAndText() throws {
        let output = PDFDocumentWriter(title: "The Vault").write([
            page(["INT. VAULT - NIGHT", "Marlowe kneels at the dial."]),
            page(["EXT. STREET - DAY"]),
        ])
        let info = try Poppler.info(output.data)
        #expect(info["Pages"] == "2")
        #expect(info["Page size"]?.hasPrefix("612 x 792") == true)
        #expect(info["Title"] == "The Vault")
        let text = try Poppler.text(output.data, layout: false)
        #expect(text.contains("INT. VAULT - NIGHT\nMarlowe kneels at the dial."))
        #expect(text.contains("EXT. STREET - DAY"))
        #expect(output.warnings.isEmpty)
    }

    @Test func a4PagesAreA4() throws {
        let output = PDFDocumentWriter().write([page(["A4 text"], paper: .a4)])
        #expect(try Poppler.info(output.data)["Page size"]?.hasPrefix("595.28 x 841.89") == true)
    }

    @Test func xrefOffsetsPointAtTheirObjects() throws {
        let bytes = PDFDocumentWriter().write([page(["one"]), page(["two (2) \\ three"])]).data
        let tail = String(decoding: bytes.suffix(64), as: UTF8.self)
        let startxref = try #require(tail.components(separatedBy: "startxref\n").last?.split(separator: "\n").first.flatMap { Int($0) })
        let xrefHead = String(decoding: bytes[startxref..<min(bytes.count, startxref + 32)], as: UTF8.self)
        #expect(xrefHead.hasPrefix("xref\n0 "))
        let countLine = xrefHead.split(separator: "\n")[1].split(separator: " ")
        let count = try #require(Int(countLine[1]))
        let firstEntry = startxref + "xref\n0 \(count)\n".utf8.count
        #expect(count > 5)
        for object in 1..<count {
            let entryStart = firstEntry + 20 * object
            let entry = String(decoding: bytes[entryStart..<entryStart + 20], as: UTF8.self)
            #expect(entry.hasSuffix(" 00000 n \n"), "entry \(object): \(entry)")
            let offset = try #require(Int(entry.prefix(10)))
            let expected = "\(object) 0 obj\n"
            let found = String(decoding: bytes[offset..<offset + expected.utf8.count], as: UTF8.self)
            #expect(found == expected, "object \(object) at \(offset)")
        }
    }

    @Test func delimitersAndWinAnsiCharactersSurvive() throws {
        let line = "(beat) a \\ b — “café” ‘x’ €5 … naïve Œuvre"
        let output = PDFDocumentWriter(fallbackFonts: .none).write([page([line])])
        #expect(output.warnings.isEmpty)
        #expect(try Poppler.text(output.data, layout: false).contains(line))
        // Only the standard font: nothing embedded for WinAnsi text.
        let fonts = try Poppler.fonts(output.data)
        #expect(fonts.contains("Courier "))
        #expect(!fonts.contains("CID"))
    }

    @Test func textOutsideWinAnsiIsEmbeddedAndExtractable() throws {
        let line = "ΕΛΕΝΗ: Привет, Łódź — ok"
        try #require(FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf"),
                     "needs Debian's fonts-freefont-ttf")
        let output = PDFDocumentWriter().write([page([line], style: .bold)])
        #expect(output.warnings.isEmpty, "\(output.warnings)")
        #expect(try Poppler.text(output.data, layout: false).contains(line))
        let fonts = try Poppler.fonts(output.data)
        #expect(fonts.contains("CID TrueType"))
        #expect(fonts.contains("Courier-Bold"))
    }

    @Test func embeddedFontIsSubsetToTheGlyphsDrawn() throws {
        let liberation = "/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf"
        try #require(FileManager.default.fileExists(atPath: liberation), "needs Debian's fonts-liberation2")
        let fonts = FallbackFonts(paths: [.regular: [liberation]])
        let output = PDFDocumentWriter(fallbackFonts: fonts).write([page(["Ελένη ǻ says hi"])])
        #expect(output.warnings.isEmpty)
        let size = try #require(FileManager.default.attributesOfItem(atPath: liberation)[.size] as? Int)
        // The whole file compressed is still well over half its size; a subset is a few KB.
        #expect(output.data.count * 10 < size)
        let listing = try Poppler.fonts(output.data)
        let line = try #require(listing.split(separator: "\n").first { $0.contains("LiberationMono") })
        #expect(line.contains("+LiberationMono"))
        #expect(line.contains("yes yes yes"))   // embedded, subset, ToUnicode
        #expect(try Poppler.text(output.data, layout: false).contains("Ελένη ǻ says hi"))
    }

    @Test func characterWithoutAnyFontIsWarnedAboutNotDropped() throws {
        let output = PDFDocumentWriter(fallbackFonts: .none).write([page(["Hi Ωmega 漢"])])
        #expect(output.warnings.count == 1)
        let warning = try #require(output.warnings.first)
        #expect(warning.contains("'Ω' (U+3A9)"))
        #expect(warning.contains("'漢' (U+6F22)"))
        #expect(try Poppler.text(output.data, layout: false).contains("Hi ?mega ?"))
    }

    @Test func mixedFontsKeepTheColumnGrid() throws {
        // Each character is one column whichever font draws it, so text after
        // an embedded run lines up under the same column of the line above.
        let output = PDFDocumentWriter().write([page(["ab Ж cd", "ab X cd"])])
        let lines = try Poppler.text(output.data).split(separator: "\n").map(String.init)
        let first = try #require(lines.first { $0.contains("Ж") })
        let second = try #require(lines.first { $0.contains("X") })
        #expect(first.firstIndex(of: "c").map { first.distance(from: first.startIndex, to: $0) }
                == second.firstIndex(of: "c").map { second.distance(from: second.startIndex, to: $0) })
    }

    @Test func underlineIsAStrokedLineUnderTheRun() throws {
        var p = PDFPage(paper: .letter)
        p.runs.append(PDFTextRun(text: "under", x: 108, baseline: 700, underline: true))
        let stream = String(decoding: PDFDocumentWriter(compress: false).write([p]).data, as: UTF8.self)
        // 5 columns of 7.2 pt from x = 108, 1.2 pt under the baseline.
        #expect(stream.contains("0.6 w 108 698.8 m 144 698.8 l S"))
    }

    @Test func compressedAndPlainFilesReadTheSame() throws {
        let pages = [page(["INT. VAULT - NIGHT", "Привет (beat) \\ done"]), page(["EXT. STREET - DAY"])]
        let packed = PDFDocumentWriter().write(pages).data
        let plain = PDFDocumentWriter(compress: false).write(pages).data
        #expect(packed.count < plain.count)
        #expect(try Poppler.text(packed) == Poppler.text(plain))
        #expect(String(decoding: packed, as: UTF8.self).contains("/FlateDecode"))
    }

    @Test func numbersAreFormattedWithoutExponentOrLocale() {
        #expect(PDFNumber.format(7.2 * 3) == "21.6")
        #expect(PDFNumber.format(-0.5) == "-0.5")
        #expect(PDFNumber.format(612) == "612")
        #expect(PDFNumber.format(0.004) == "0")
        #expect(PDFNumber.format(1234.567) == "1234.57")
    }
}
