/// A TrueType font embedded as a composite font (Type0 / CIDFontType2,
/// Identity-H, CID = glyph id) with a ToUnicode CMap so that text extraction
/// and search give back the characters, not glyph numbers.
///
/// Only the glyphs drawn are embedded (`TrueTypeSubset`, glyph ids kept);
/// if the font cannot be subset the whole file is embedded instead.
struct EmbeddedFont {
    let font: TrueTypeFont
    let resourceName: String
    /// Glyphs drawn, with the text each stands for (for ToUnicode and /W).
    private(set) var usedGlyphs: [UInt16: String] = [:]

    init(font: TrueTypeFont, resourceName: String) {
        self.font = font
        self.resourceName = resourceName
    }

    /// The glyphs for the scalars of one character, or nil if any is missing.
    func glyphs(for character: Character) -> [UInt16]? {
        var glyphs: [UInt16] = []
        for scalar in character.unicodeScalars {
            guard let glyph = font.glyph(for: scalar) else { return nil }
            glyphs.append(glyph)
        }
        return glyphs
    }

    mutating func markUsed(_ glyphs: [UInt16], for character: Character) {
        // The first glyph carries the whole character's text; marks after it
        // map to nothing, so extraction yields the character once.
        for (i, glyph) in glyphs.enumerated() where usedGlyphs[glyph] == nil {
            usedGlyphs[glyph] = i == 0 ? String(character) : ""
        }
    }

    /// Writes the font's objects and returns the number of the Type0 font.
    func write(into writer: inout PDFObjectWriter) -> Int {
        let type0 = writer.reserve(), cidFont = writer.reserve(), descriptor = writer.reserve()
        let file = writer.reserve(), toUnicode = writer.reserve()
        let subset = TrueTypeSubset.subset(font, keeping: Set(usedGlyphs.keys))
        // A subset font's name carries a six-letter tag (PDF 1.7, 9.6.4).
        let name = subset == nil ? font.postScriptName : subsetTag + "+" + font.postScriptName
        let fontFile = subset ?? font.data
        let (x0, y0, x1, y1) = font.boundingBox
        let sorted = usedGlyphs.keys.sorted()
        var widths = ""
        for glyph in sorted { widths += "\(glyph) [\(font.advance(of: glyph))] " }
        writer.write(type0, "<< /Type /Font /Subtype /Type0 /BaseFont /\(name) /Encoding /Identity-H "
            + "/DescendantFonts [\(cidFont) 0 R] /ToUnicode \(toUnicode) 0 R >>")
        writer.write(cidFont, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /\(name) "
            + "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            + "/FontDescriptor \(descriptor) 0 R /DW 600 /W [\(widths)] /CIDToGIDMap /Identity >>")
        // Flags: 1 fixed pitch + 32 non-symbolic (+64 italic).
        let flags = 33 + (font.italicAngle != 0 ? 64 : 0)
        let capHeight = font.scaled(font.ascender) * 3 / 4
        writer.write(descriptor, "<< /Type /FontDescriptor /FontName /\(name) /Flags \(flags) "
            + "/FontBBox [\(font.scaled(x0)) \(font.scaled(y0)) \(font.scaled(x1)) \(font.scaled(y1))] "
            + "/ItalicAngle \(Int(font.italicAngle)) /Ascent \(font.scaled(font.ascender)) "
            + "/Descent \(font.scaled(font.descender)) /CapHeight \(capHeight) /StemV 80 "
            + "/FontFile2 \(file) 0 R >>")
        writer.writeStream(file, dictionary: "/Length1 \(fontFile.count)", data: fontFile)
        writer.writeStream(toUnicode, data: Array(toUnicodeCMap(sorted).utf8))
        return type0
    }

    /// Six capital letters derived from the glyph set and resource name, so
    /// different subsets of one font get different names.
    private var subsetTag: String {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for glyph in usedGlyphs.keys.sorted() { hash = (hash ^ UInt64(glyph)) &* 1_099_511_628_211 }
        for byte in resourceName.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        var tag = ""
        for _ in 0..<6 {
            tag.append(Character(Unicode.Scalar(UInt8(65 + hash % 26))))
            hash /= 26
        }
        return tag
    }

    private func toUnicodeCMap(_ glyphs: [UInt16]) -> String {
        var cmap = """
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange
        <0000> <FFFF>
        endcodespacerange

        """
        let mapped = glyphs.filter { !(usedGlyphs[$0] ?? "").isEmpty }
        // A bfchar block holds at most 100 entries (PDF 1.7, 9.10.3).
        var start = 0
        while start < mapped.count {
            let chunk = mapped[start..<min(start + 100, mapped.count)]
            cmap += "\(chunk.count) beginbfchar\n"
            for glyph in chunk {
                let text = usedGlyphs[glyph] ?? ""
                cmap += "<\(PDFObjectWriter.hex4(glyph))> <\(text.utf16.map(PDFObjectWriter.hex4).joined())>\n"
            }
            cmap += "endbfchar\n"
            start += 100
        }
        cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return cmap
    }
}
