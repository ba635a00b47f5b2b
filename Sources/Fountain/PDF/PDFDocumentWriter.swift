import Foundation

/// A bookmark in the PDF's outline (the viewer's sidebar): a title that
/// jumps to a point on a page.
public struct PDFBookmark: Sendable, Equatable {
    public var title: String
    /// Index into the pages written (0 = first page).
    public var page: Int
    /// The point to show at the top of the window, in points from the bottom.
    public var top: Double

    public init(title: String, page: Int, top: Double) {
        self.title = title
        self.page = page
        self.top = top
    }
}

/// The bytes of a finished PDF and what the writer had to tell the user.
public struct PDFOutput: Sendable {
    /// The whole file.
    public var data: [UInt8]
    /// Human-readable warnings (characters no font could draw); empty when
    /// every character was printed as written.
    public var warnings: [String]
}

/// Writes pages of monospaced text runs as a PDF file, with no external
/// program or library.
///
/// Text in WinAnsi is set in the standard Courier faces (nothing embedded).
/// Other characters are drawn from an embedded TrueType font found through
/// `fallbackFonts`; a character no font has is printed as `?` and named in a
/// warning, so text is never dropped silently. Streams are Flate-compressed
/// by the module's own `Deflate` (Foundation on Linux offers none).
public struct PDFDocumentWriter: Sendable {
    /// Document title and author for the PDF's Info dictionary.
    public var title: String?
    public var author: String?
    public var fallbackFonts: FallbackFonts
    /// Flate-compress streams (the default); off leaves them readable.
    public var compress: Bool

    public init(title: String? = nil, author: String? = nil, fallbackFonts: FallbackFonts = .system,
                compress: Bool = true) {
        self.title = title
        self.author = author
        self.fallbackFonts = fallbackFonts
        self.compress = compress
    }

    /// Writes `pages` in order, with `bookmarks` (if any) as a flat outline.
    public func write(_ pages: [PDFPage], bookmarks: [PDFBookmark] = []) -> PDFOutput {
        var state = FontState(fallbackFonts: fallbackFonts)
        var writer = PDFObjectWriter()
        writer.compressStreams = compress
        let catalog = writer.reserve(), pageTree = writer.reserve(), resources = writer.reserve()
        var pageNumbers: [Int] = []
        for page in pages {
            let content = Self.contentStream(for: page, fonts: &state)
            let pageObject = writer.reserve(), contentObject = writer.reserve()
            writer.write(pageObject, "<< /Type /Page /Parent \(pageTree) 0 R /MediaBox [0 0 "
                + "\(PDFNumber.format(page.width)) \(PDFNumber.format(page.height))] "
                + "/Resources \(resources) 0 R /Contents \(contentObject) 0 R >>")
            writer.writeStream(contentObject, data: content)
            pageNumbers.append(pageObject)
        }
        var fontEntries = ""
        for style in PDFFontStyle.allCases where state.standardUsed[style.rawValue] {
            let font = writer.reserve()
            writer.write(font, "<< /Type /Font /Subtype /Type1 /BaseFont /\(style.standardFontName) "
                + "/Encoding /WinAnsiEncoding >>")
            fontEntries += "/C\(style.rawValue) \(font) 0 R "
        }
        for font in state.embedded {
            fontEntries += "/\(font.resourceName) \(font.write(into: &writer)) 0 R "
        }
        writer.write(resources, "<< /Font << \(fontEntries)>> /ProcSet [/PDF /Text] >>")
        writer.write(pageTree, "<< /Type /Pages /Kids [\(pageNumbers.map { "\($0) 0 R" }.joined(separator: " "))] "
            + "/Count \(pageNumbers.count) >>")
        let marks = bookmarks.filter { pageNumbers.indices.contains($0.page) }
        if marks.isEmpty {
            writer.write(catalog, "<< /Type /Catalog /Pages \(pageTree) 0 R >>")
        } else {
            let outline = Self.writeOutline(marks, pages: pageNumbers, into: &writer)
            writer.write(catalog, "<< /Type /Catalog /Pages \(pageTree) 0 R /Outlines \(outline) 0 R /PageMode /UseOutlines >>")
        }
        var info = "<< /Producer (Intercut)"
        if let title, !title.isEmpty { info += " /Title \(PDFObjectWriter.textString(title))" }
        if let author, !author.isEmpty { info += " /Author \(PDFObjectWriter.textString(author))" }
        let infoObject = writer.reserve()
        writer.write(infoObject, info + " >>")
        return PDFOutput(data: writer.finish(root: catalog, info: infoObject), warnings: state.warnings())
    }

    /// Writes the outline root and one item per bookmark (PDF 1.7, 12.3.3),
    /// linked as a flat list; returns the root's object number.
    private static func writeOutline(_ marks: [PDFBookmark], pages: [Int], into writer: inout PDFObjectWriter) -> Int {
        let root = writer.reserve()
        let items = marks.map { _ in writer.reserve() }
        for (i, mark) in marks.enumerated() {
            var entry = "<< /Title \(PDFObjectWriter.textString(mark.title)) /Parent \(root) 0 R"
            if i > 0 { entry += " /Prev \(items[i - 1]) 0 R" }
            if i + 1 < items.count { entry += " /Next \(items[i + 1]) 0 R" }
            entry += " /Dest [\(pages[mark.page]) 0 R /XYZ 0 \(PDFNumber.format(mark.top)) 0] >>"
            writer.write(items[i], entry)
        }
        writer.write(root, "<< /Type /Outlines /First \(items[0]) 0 R /Last \(items[items.count - 1]) 0 R /Count \(items.count) >>")
        return root
    }

    // MARK: - Content streams

    private static func contentStream(for page: PDFPage, fonts: inout FontState) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(page.runs.count * 64)
        var underlines: [(x0: Double, x1: Double, y: Double, width: Double)] = []
        out.append(contentsOf: "BT\n".utf8)
        var currentFont = ""
        var currentSize = -1.0
        func selectFont(_ font: String, size: Double) {
            guard font != currentFont || size != currentSize else { return }
            out.append(UInt8(ascii: "/"))
            out.append(contentsOf: font.utf8)
            out.append(UInt8(ascii: " "))
            PDFNumber.append(size, to: &out)
            out.append(contentsOf: " Tf\n".utf8)
            currentFont = font
            currentSize = size
        }
        func place(x: Double, baseline: Double) {
            out.append(contentsOf: "1 0 0 1 ".utf8)
            PDFNumber.append(x, to: &out)
            out.append(UInt8(ascii: " "))
            PDFNumber.append(baseline, to: &out)
            out.append(contentsOf: " Tm ".utf8)
        }
        for run in page.runs where !run.text.isEmpty {
            let advance = run.fontSize * 0.6
            let columns: Int
            if FontState.isPlainASCII(run.text) {
                fonts.standardUsed[run.style.rawValue] = true
                selectFont(FontState.standardNames[run.style.rawValue], size: run.fontSize)
                place(x: run.x, baseline: run.baseline)
                FontState.appendLiteral(run.text, to: &out)
                out.append(contentsOf: " Tj\n".utf8)
                columns = run.text.utf8.count
            } else {
                let segments = fonts.segments(of: run.text, style: run.style)
                for segment in segments {
                    selectFont(segment.font, size: run.fontSize)
                    place(x: run.x + Double(segment.column) * advance, baseline: run.baseline)
                    out.append(contentsOf: segment.operand)
                    out.append(contentsOf: " Tj\n".utf8)
                }
                columns = segments.last.map { $0.column + $0.columns } ?? 0
            }
            if run.underline && columns > 0 {
                // Courier's underline: 100/1000 em below the baseline, 50/1000 em thick.
                underlines.append((run.x, run.x + Double(columns) * advance,
                                   run.baseline - run.fontSize * 0.1, run.fontSize * 0.05))
            }
        }
        out.append(contentsOf: "ET\n".utf8)
        for line in underlines {
            PDFNumber.append(line.width, to: &out)
            out.append(contentsOf: " w ".utf8)
            PDFNumber.append(line.x0, to: &out)
            out.append(UInt8(ascii: " "))
            PDFNumber.append(line.y, to: &out)
            out.append(contentsOf: " m ".utf8)
            PDFNumber.append(line.x1, to: &out)
            out.append(UInt8(ascii: " "))
            PDFNumber.append(line.y, to: &out)
            out.append(contentsOf: " l S\n".utf8)
        }
        return out
    }
}

/// Formats numbers for content streams: at most two decimals, no exponent,
/// no locale (String(format:) is both slow and locale-sensitive).
enum PDFNumber {
    static func append(_ value: Double, to out: inout [UInt8]) {
        var hundredths = Int((value * 100).rounded())
        if hundredths < 0 {
            out.append(UInt8(ascii: "-"))
            hundredths = -hundredths
        }
        appendInteger(hundredths / 100, to: &out)
        let fraction = hundredths % 100
        if fraction != 0 {
            out.append(UInt8(ascii: "."))
            out.append(UInt8(ascii: "0") + UInt8(fraction / 10))
            if fraction % 10 != 0 { out.append(UInt8(ascii: "0") + UInt8(fraction % 10)) }
        }
    }

    static func format(_ value: Double) -> String {
        var out: [UInt8] = []
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value >= 10 { appendInteger(value / 10, to: &out) }
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
