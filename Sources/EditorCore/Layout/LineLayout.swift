/// One grapheme placed on a laid-out row.
struct Glyph: Equatable {
    /// The grapheme as drawn (a control character shows as "?", a tab as " ").
    var text: String
    /// UTF-8 offset of the grapheme in its source line.
    var byte: Int
    var byteCount: Int
    /// Cell column relative to the row's `indent`.
    var column: Int
    /// Cells taken: 1, 2 (wide) or 4 (tab).
    var width: Int
    var role: StyleRole
    var attributes: CellAttributes
}

/// A screen row of one source line after soft wrap.
struct LaidOutRow: Equatable {
    /// Byte range of the source line shown on this row.
    var startByte: Int
    var endByte: Int
    /// Cell column (from the text area's left edge) of the first glyph.
    var indent: Int
    var glyphs: [Glyph]
    /// Cells the glyphs take.
    var cellWidth: Int
}

/// One source line laid out: one or more rows at its element's column.
///
/// Every grapheme of the source has exactly one glyph (markup is shown
/// dimmed, never hidden), so a cursor position maps to exactly one cell and
/// back. The mapping lives in `ScreenMap`.
struct LineLayout: Equatable {
    var rows: [LaidOutRow]
    var style: LineStyle

    init(line: String, style: LineStyle, geometry: PageGeometry) {
        self.style = style
        let column = geometry.column(for: style.element)
        let limit = max(1, column.width)
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(line.utf8.count)
        var byte = 0
        let spans = style.spans
        for character in line {
            let size = character.utf8.count
            var role = style.element
            var attributes: CellAttributes = style.element == .sceneHeading ? [.bold] : []
            if style.element == .note || style.element == .boneyard || style.element == .synopsis || style.element == .section {
                attributes.insert(.dim)
            }
            if !spans.isEmpty {
                for span in spans where span.bytes.contains(byte) {
                    attributes.formUnion(span.attributes)
                    if let spanRole = span.role { role = spanRole }
                }
            }
            let display: String
            if let ascii = character.asciiValue, ascii < 0x20 || ascii == 0x7F {
                display = ascii == 0x09 ? " " : "?"
            } else {
                display = String(character)
            }
            glyphs.append(Glyph(text: display, byte: byte, byteCount: size, column: 0, width: character.cellWidth,
                                role: role, attributes: attributes))
            byte += size
        }
        let wrapped = Self.wrap(glyphs, limit: limit, lineBytes: byte)
        rows = wrapped.map { row in
            var row = row
            switch style.element {
            case .transition:
                row.indent = max(0, geometry.actionRight - row.cellWidth)
            case .centered:
                row.indent = geometry.margin + max(0, (geometry.actionWidth - row.cellWidth) / 2)
            default:
                row.indent = column.offset
            }
            return row
        }
    }

    /// Greedy word wrap at `limit` cells. Spaces may hang past the limit so a
    /// row never starts with the space that ended the previous word.
    private static func wrap(_ glyphs: [Glyph], limit: Int, lineBytes: Int) -> [LaidOutRow] {
        var rows: [LaidOutRow] = []
        var rowStart = 0
        var column = 0
        var lastBreak: Int?
        var index = 0
        func finishRow(upTo cut: Int) {
            var rowGlyphs = Array(glyphs[rowStart..<cut])
            var x = 0
            for i in rowGlyphs.indices {
                rowGlyphs[i].column = x
                x += rowGlyphs[i].width
            }
            let start = rowGlyphs.first?.byte ?? (cut < glyphs.count ? glyphs[cut].byte : lineBytes)
            let end = cut < glyphs.count ? glyphs[cut].byte : lineBytes
            rows.append(LaidOutRow(startByte: start, endByte: end, indent: 0, glyphs: rowGlyphs, cellWidth: x))
            rowStart = cut
        }
        while index < glyphs.count {
            let glyph = glyphs[index]
            let isSpace = glyph.text == " "
            if column + glyph.width > limit, index > rowStart, !isSpace {
                let cut = (lastBreak.map { $0 > rowStart ? $0 : index }) ?? index
                finishRow(upTo: cut)
                column = 0
                for i in cut..<index { column += glyphs[i].width }
                lastBreak = nil
            }
            column += glyph.width
            if isSpace { lastBreak = index + 1 }
            index += 1
        }
        finishRow(upTo: glyphs.count)
        return rows
    }
}
