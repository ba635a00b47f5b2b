/// Cuts a TrueType font down to the glyphs a document draws, keeping every
/// glyph id where it was (unused glyphs become empty), so Identity CID→GID
/// mapping and the /W widths stay valid.
///
/// Keeps the tables a PDF renderer needs for a CIDFontType2 (head, hhea,
/// maxp, hmtx, loca, glyf and the hinting tables cvt/fpgm/prep); cmap, name
/// and the rest are not used when glyphs are addressed by id. Composite
/// glyphs pull in their components. Returns nil when the font is not a plain
/// glyf-outline TrueType, and the caller embeds the whole file instead.
enum TrueTypeSubset {
    static func subset(_ font: TrueTypeFont, keeping used: Set<UInt16>) -> [UInt8]? {
        let data = font.data
        guard let head = font.tables["head"], let loca = font.tables["loca"], let glyf = font.tables["glyf"],
              let maxp = font.tables["maxp"], head.length >= 54,
              let glyphCount = try? Int(TrueTypeFont.u16(data, maxp.offset + 4)),
              let longOffsets = try? TrueTypeFont.u16(data, head.offset + 50) == 1
        else { return nil }

        func glyphRange(_ glyph: Int) -> Range<Int>? {
            guard glyph < glyphCount else { return nil }
            let start: Int, end: Int
            if longOffsets {
                guard let s = try? TrueTypeFont.u32(data, loca.offset + 4 * glyph),
                      let e = try? TrueTypeFont.u32(data, loca.offset + 4 * glyph + 4) else { return nil }
                (start, end) = (Int(s), Int(e))
            } else {
                guard let s = try? TrueTypeFont.u16(data, loca.offset + 2 * glyph),
                      let e = try? TrueTypeFont.u16(data, loca.offset + 2 * glyph + 2) else { return nil }
                (start, end) = (2 * Int(s), 2 * Int(e))
            }
            guard start <= end, glyf.offset + end <= data.count, end <= glyf.length else { return nil }
            return (glyf.offset + start)..<(glyf.offset + end)
        }

        // Glyph 0 (.notdef) is always kept; composites add their parts.
        var keep = Set(used.map(Int.init))
        keep.insert(0)
        var pending = Array(keep)
        while let glyph = pending.popLast() {
            guard let range = glyphRange(glyph), range.count >= 10,
                  let contours = try? TrueTypeFont.u16(data, range.lowerBound), Int16(bitPattern: contours) < 0
            else { continue }
            var at = range.lowerBound + 10
            while at + 4 <= range.upperBound {
                guard let flags = try? TrueTypeFont.u16(data, at),
                      let component = try? TrueTypeFont.u16(data, at + 2) else { break }
                if keep.insert(Int(component)).inserted { pending.append(Int(component)) }
                at += 4 + (flags & 0x1 != 0 ? 4 : 2)
                if flags & 0x8 != 0 { at += 2 } else if flags & 0x40 != 0 { at += 4 } else if flags & 0x80 != 0 { at += 8 }
                if flags & 0x20 == 0 { break }
            }
        }

        var newGlyf: [UInt8] = []
        var newLoca: [UInt8] = []
        for glyph in 0..<glyphCount {
            appendU32(UInt32(newGlyf.count), to: &newLoca)
            if keep.contains(glyph), let range = glyphRange(glyph) {
                newGlyf.append(contentsOf: data[range])
                while newGlyf.count % 4 != 0 { newGlyf.append(0) }
            }
        }
        appendU32(UInt32(newGlyf.count), to: &newLoca)

        var tables: [(tag: String, bytes: [UInt8])] = []
        for tag in ["cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"] {
            switch tag {
            case "glyf": tables.append((tag, newGlyf))
            case "loca": tables.append((tag, newLoca))
            case "head":
                var bytes = Array(data[head.offset..<head.offset + head.length])
                bytes[8] = 0; bytes[9] = 0; bytes[10] = 0; bytes[11] = 0   // checkSumAdjustment, set below
                bytes[50] = 0; bytes[51] = 1                             // indexToLocFormat: long
                tables.append((tag, bytes))
            default:
                guard let t = font.tables[tag] else { continue }
                tables.append((tag, Array(data[t.offset..<t.offset + t.length])))
            }
        }
        return assemble(tables)
    }

    /// Writes the sfnt header, table directory (tags sorted) and tables.
    private static func assemble(_ tables: [(tag: String, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        let count = tables.count
        var power = 1, log = 0
        while power * 2 <= count { power *= 2; log += 1 }
        appendU32(0x0001_0000, to: &out)
        appendU16(UInt16(count), to: &out)
        appendU16(UInt16(power * 16), to: &out)
        appendU16(UInt16(log), to: &out)
        appendU16(UInt16(count * 16 - power * 16), to: &out)
        var offset = 12 + 16 * count
        var headOffset = 0
        for table in tables {
            out.append(contentsOf: Array(table.tag.utf8))
            appendU32(checksum(table.bytes), to: &out)
            appendU32(UInt32(offset), to: &out)
            appendU32(UInt32(table.bytes.count), to: &out)
            if table.tag == "head" { headOffset = offset }
            offset += (table.bytes.count + 3) & ~3
        }
        for table in tables {
            out.append(contentsOf: table.bytes)
            while out.count % 4 != 0 { out.append(0) }
        }
        let adjustment = 0xB1B0_AFBA &- checksum(out)
        out[headOffset + 8] = UInt8(adjustment >> 24)
        out[headOffset + 9] = UInt8(adjustment >> 16 & 0xFF)
        out[headOffset + 10] = UInt8(adjustment >> 8 & 0xFF)
        out[headOffset + 11] = UInt8(adjustment & 0xFF)
        return out
    }

    private static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var sum: UInt32 = 0
        var i = 0
        while i < bytes.count {
            var word: UInt32 = 0
            for j in 0..<4 { word = word << 8 | UInt32(i + j < bytes.count ? bytes[i + j] : 0) }
            sum &+= word
            i += 4
        }
        return sum
    }

    private static func appendU16(_ v: UInt16, to out: inout [UInt8]) {
        out.append(UInt8(v >> 8))
        out.append(UInt8(v & 0xFF))
    }

    private static func appendU32(_ v: UInt32, to out: inout [UInt8]) {
        out.append(contentsOf: [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)])
    }
}
