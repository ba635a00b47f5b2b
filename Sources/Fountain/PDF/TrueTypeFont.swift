import Foundation

/// The parts of a TrueType font file that embedding it in a PDF needs:
/// the character-to-glyph map, advance widths and the descriptor metrics.
///
/// Reads the `head`, `hhea`, `hmtx`, `maxp`, `cmap` (formats 4 and 12),
/// `post` and `name` tables; anything malformed throws rather than traps,
/// since the file comes from the system and may be anything.
struct TrueTypeFont: Sendable {
    enum ParseError: Error { case malformed(String) }

    let data: [UInt8]
    /// Table tag → (offset, length) in `data`.
    let tables: [String: (offset: Int, length: Int)]
    let postScriptName: String
    let unitsPerEm: Int
    let boundingBox: (Int, Int, Int, Int)
    let ascender: Int
    let descender: Int
    let italicAngle: Double
    let isFixedPitch: Bool
    private let advances: [UInt16]
    private let glyphByScalar: [UInt32: UInt16]

    init(data: [UInt8], fallbackName: String) throws {
        self.data = data
        var tables: [String: (offset: Int, length: Int)] = [:]
        let tableCount = Int(try Self.u16(data, 4))
        for i in 0..<tableCount {
            let record = 12 + 16 * i
            guard record + 16 <= data.count else { throw ParseError.malformed("table directory") }
            let tag = String(decoding: data[record..<record + 4], as: UTF8.self)
            let offset = Int(try Self.u32(data, record + 8)), length = Int(try Self.u32(data, record + 12))
            guard offset + length <= data.count else { throw ParseError.malformed("table \(tag)") }
            tables[tag] = (offset, length)
        }
        self.tables = tables
        func table(_ tag: String) throws -> Int {
            guard let t = tables[tag] else { throw ParseError.malformed("no \(tag) table") }
            return t.offset
        }
        let head = try table("head")
        unitsPerEm = Int(try Self.u16(data, head + 18))
        boundingBox = (Int(try Self.i16(data, head + 36)), Int(try Self.i16(data, head + 38)),
                       Int(try Self.i16(data, head + 40)), Int(try Self.i16(data, head + 42)))
        let hhea = try table("hhea")
        ascender = Int(try Self.i16(data, hhea + 4))
        descender = Int(try Self.i16(data, hhea + 6))
        let metricCount = Int(try Self.u16(data, hhea + 34))
        let glyphCount = Int(try Self.u16(data, try table("maxp") + 4))
        let hmtx = try table("hmtx")
        var advances: [UInt16] = []
        advances.reserveCapacity(glyphCount)
        for g in 0..<max(metricCount, 1) { advances.append(try Self.u16(data, hmtx + 4 * g)) }
        while advances.count < glyphCount { advances.append(advances.last ?? 0) }
        self.advances = advances
        if let post = tables["post"] {
            italicAngle = Double(try Self.i16(data, post.offset + 4)) + Double(try Self.u16(data, post.offset + 6)) / 65536
            isFixedPitch = try Self.u32(data, post.offset + 12) != 0
        } else {
            italicAngle = 0
            isFixedPitch = true
        }
        glyphByScalar = try Self.readCmap(data, at: try table("cmap"))
        postScriptName = (try? tables["name"].map { try Self.readPostScriptName(data, at: $0.offset) } ?? nil)
            .flatMap { $0 } ?? fallbackName
    }

    /// The glyph for `scalar`, or nil when the font has none.
    func glyph(for scalar: Unicode.Scalar) -> UInt16? {
        glyphByScalar[scalar.value]
    }

    /// The advance width of `glyph` in thousandths of an em (PDF glyph space).
    func advance(of glyph: UInt16) -> Int {
        let raw = Int(glyph) < advances.count ? Int(advances[Int(glyph)]) : Int(advances.last ?? 0)
        return raw * 1000 / max(unitsPerEm, 1)
    }

    /// A value in font units scaled to thousandths of an em.
    func scaled(_ value: Int) -> Int { value * 1000 / max(unitsPerEm, 1) }

    // MARK: - Tables

    private static func readCmap(_ data: [UInt8], at cmap: Int) throws -> [UInt32: UInt16] {
        let count = Int(try u16(data, cmap + 2))
        var best: (score: Int, offset: Int)?
        for i in 0..<count {
            let record = cmap + 4 + 8 * i
            let platform = try u16(data, record), encoding = try u16(data, record + 2)
            let offset = cmap + Int(try u32(data, record + 4))
            let format = try u16(data, offset)
            // Prefer the full-repertoire table (format 12) over the BMP one.
            let score: Int
            switch (platform, encoding, format) {
            case (3, 10, 12), (0, 4, 12), (0, 6, 12): score = 3
            case (3, 1, 4), (0, 3, 4), (0, 1, 4), (0, 0, 4): score = 2
            default: score = 0
            }
            if score > 0 && score > (best?.score ?? 0) { best = (score, offset) }
        }
        guard let table = best?.offset else { throw ParseError.malformed("no Unicode cmap") }
        var map: [UInt32: UInt16] = [:]
        if try u16(data, table) == 12 {
            let groups = Int(try u32(data, table + 12))
            for g in 0..<groups {
                let base = table + 16 + 12 * g
                let start = try u32(data, base), end = try u32(data, base + 4), glyph = try u32(data, base + 8)
                guard end >= start, end - start < 0x11_0000 else { continue }
                for c in start...end where glyph + (c - start) <= 0xFFFF {
                    map[c] = UInt16(glyph + (c - start))
                }
            }
            return map
        }
        let segments = Int(try u16(data, table + 6)) / 2
        let ends = table + 14, starts = ends + 2 * segments + 2
        let deltas = starts + 2 * segments, rangeOffsets = deltas + 2 * segments
        for s in 0..<segments {
            let end = UInt32(try u16(data, ends + 2 * s)), start = UInt32(try u16(data, starts + 2 * s))
            let delta = try u16(data, deltas + 2 * s)
            let rangeOffsetAt = rangeOffsets + 2 * s
            let rangeOffset = Int(try u16(data, rangeOffsetAt))
            guard start <= end, start != 0xFFFF else { continue }
            for c in start...end {
                var glyph: UInt16
                if rangeOffset == 0 {
                    glyph = UInt16(truncatingIfNeeded: c &+ UInt32(delta))
                } else {
                    let at = rangeOffsetAt + rangeOffset + 2 * Int(c - start)
                    glyph = try u16(data, at)
                    if glyph != 0 { glyph = glyph &+ delta }
                }
                if glyph != 0 { map[c] = glyph }
            }
        }
        return map
    }

    private static func readPostScriptName(_ data: [UInt8], at name: Int) throws -> String? {
        let count = Int(try u16(data, name + 2)), storage = name + Int(try u16(data, name + 4))
        for i in 0..<count {
            let record = name + 6 + 12 * i
            guard try u16(data, record + 6) == 6 else { continue }   // name ID 6: PostScript name
            let platform = try u16(data, record)
            let length = Int(try u16(data, record + 8)), offset = storage + Int(try u16(data, record + 10))
            guard offset + length <= data.count else { continue }
            let raw = Array(data[offset..<offset + length])
            let text: String
            if platform == 3 || platform == 0 {
                var units: [UInt16] = []
                for j in stride(from: 0, to: raw.count - 1, by: 2) { units.append(UInt16(raw[j]) << 8 | UInt16(raw[j + 1])) }
                text = String(decoding: units, as: UTF16.self)
            } else {
                text = String(decoding: raw, as: UTF8.self)
            }
            let clean = String(text.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && !"()<>[]{}/%".unicodeScalars.contains($0) })
            if !clean.isEmpty { return clean }
        }
        return nil
    }

    // MARK: - Big-endian reads

    static func u16(_ d: [UInt8], _ at: Int) throws -> UInt16 {
        guard at >= 0, at + 2 <= d.count else { throw ParseError.malformed("read past end") }
        return UInt16(d[at]) << 8 | UInt16(d[at + 1])
    }

    private static func i16(_ d: [UInt8], _ at: Int) throws -> Int16 {
        Int16(bitPattern: try u16(d, at))
    }

    static func u32(_ d: [UInt8], _ at: Int) throws -> UInt32 {
        guard at >= 0, at + 4 <= d.count else { throw ParseError.malformed("read past end") }
        return UInt32(d[at]) << 24 | UInt32(d[at + 1]) << 16 | UInt32(d[at + 2]) << 8 | UInt32(d[at + 3])
    }
}
