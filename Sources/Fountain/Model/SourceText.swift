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
        /// `LineFlags` of the line's bytes, kept right by every edit (`replaceLines`).
        var flags: UInt8

        init(start: Int, length: Int, ending: LineEnding, flags: UInt8) {
            self.start = start
            self.length32 = UInt32(length)
            self.ending = ending
            self.flags = flags
        }

        var length: Int {
            @inline(__always) get { Int(length32) }
            set { length32 = UInt32(newValue) }
        }

        /// Empty or whitespace only.
        var isBlank: Bool { flags & LineFlags.content == 0 }
    }

    /// UTF-8 bytes without the BOM.
    public internal(set) var bytes: [UInt8]
    /// True when the input began with the UTF-8 byte order mark.
    public internal(set) var hasBOM: Bool
    var lineTable: [Line]

    /// Text known to be UTF-8 (from a `String`, or repaired): lines are split, nothing is checked.
    init(bytes: [UInt8], hasBOM: Bool) {
        self.bytes = bytes
        self.hasBOM = hasBOM
        self.lineTable = LineScan.lines(of: bytes, validating: false).lines
    }

    /// Bytes and the line table `LineScan` made of them while checking them.
    init(bytes: [UInt8], hasBOM: Bool, lineTable: [Line]) {
        self.bytes = bytes
        self.hasBOM = hasBOM
        self.lineTable = lineTable
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
