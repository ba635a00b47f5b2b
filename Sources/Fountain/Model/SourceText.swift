#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The source exactly as read: UTF-8 bytes (BOM stripped and remembered)
/// and a table of lines with their original endings.
///
/// There is always at least one line. A file ending in a newline has a last
/// empty line with ending `.none`, so `lineCount` equals the editor's line
/// count and the bytes round-trip exactly.
public struct SourceText: Sendable, Hashable {
    /// 16 bytes: lengths in 32 bits (lines up to 4 GiB), so a feature's table is a third smaller.
    struct Line: Sendable, Hashable {
        var start: Int
        private var length32: UInt32
        var ending: LineEnding

        init(start: Int, length: Int, ending: LineEnding) {
            self.start = start
            self.length32 = UInt32(length)
            self.ending = ending
        }

        var length: Int {
            @inline(__always) get { Int(length32) }
            set { length32 = UInt32(newValue) }
        }
    }

    /// UTF-8 bytes without the BOM.
    public internal(set) var bytes: [UInt8]
    /// True when the input began with the UTF-8 byte order mark.
    public internal(set) var hasBOM: Bool
    var lineTable: [Line]

    init(bytes: [UInt8], hasBOM: Bool) {
        self.bytes = bytes
        self.hasBOM = hasBOM
        self.lineTable = SourceText.scanLines(bytes, from: 0, to: bytes.count)
    }

    /// Splits `bytes[from..<to]` at LF, CRLF and lone CR. The last line has
    /// ending `.none`.
    static func scanLines(_ bytes: [UInt8], from: Int, to: Int) -> [Line] {
        var lines: [Line] = []
        // Scripts average about 30 bytes a line: reserving for 16 never copies the table.
        lines.reserveCapacity((to - from) / 16 + 1)
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress, to > from else {
                lines.append(Line(start: from, length: 0, ending: .none))
                return
            }
            var start = from
            if memchr(base + from, 0x0D, to - from) == nil {
                // LF only (the common case): let memchr find the breaks.
                while start < to, let p = memchr(base + start, 0x0A, to - start) {
                    let i = UnsafePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - base
                    lines.append(Line(start: start, length: i - start, ending: .lf))
                    start = i + 1
                }
                lines.append(Line(start: start, length: to - start, ending: .none))
                return
            }
            var i = from
            while i < to {
                let b = buf[i]
                if b == 0x0A {
                    lines.append(Line(start: start, length: i - start, ending: .lf))
                    i += 1
                    start = i
                } else if b == 0x0D {
                    if i + 1 < to, buf[i + 1] == 0x0A {
                        lines.append(Line(start: start, length: i - start, ending: .crlf))
                        i += 2
                    } else {
                        lines.append(Line(start: start, length: i - start, ending: .cr))
                        i += 1
                    }
                    start = i
                } else {
                    i += 1
                }
            }
            lines.append(Line(start: start, length: to - start, ending: .none))
        }
        return lines
    }

    /// Number of lines (at least 1).
    public var lineCount: Int { lineTable.count }

    /// True when the last byte is a line ending.
    public var hasFinalNewline: Bool { lineTable.count > 1 && lineTable[lineTable.count - 1].length == 0 }

    /// The text of line `index` without its ending.
    public func line(_ index: Int) -> String {
        let l = lineTable[index]
        return String(decoding: bytes[l.start..<(l.start + l.length)], as: UTF8.self)
    }

    /// The UTF-8 bytes of line `index` without its ending.
    public func lineBytes(_ index: Int) -> ArraySlice<UInt8> {
        let l = lineTable[index]
        return bytes[l.start..<(l.start + l.length)]
    }

    /// The ending of line `index` (`.none` only on the last line).
    public func lineEnding(_ index: Int) -> LineEnding { lineTable[index].ending }

    /// All lines without their endings.
    public var lines: [String] { (0..<lineCount).map(line) }

    /// Converts a UTF-8 column on `line` to a count of Characters.
    public func characterColumn(line: Int, utf8Column: Int) -> Int {
        let l = lineTable[line]
        let end = l.start + min(max(0, utf8Column), l.length)
        return String(decoding: bytes[l.start..<end], as: UTF8.self).count
    }

    /// Converts a Character count on `line` to a UTF-8 column.
    public func utf8Column(line: Int, characterColumn: Int) -> Int {
        let text = self.line(line)
        let idx = text.index(text.startIndex, offsetBy: max(0, characterColumn), limitedBy: text.endIndex) ?? text.endIndex
        return text.utf8.distance(from: text.startIndex, to: idx)
    }

    /// The exact input bytes (BOM included).
    public var originalBytes: [UInt8] { hasBOM ? [0xEF, 0xBB, 0xBF] + bytes : bytes }
}
