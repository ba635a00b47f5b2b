/// Grapheme-cluster stepping and display widths on UTF-8 byte offsets.
///
/// Offsets are UTF-8 byte offsets within one line. Stepping uses Swift's
/// `Character` segmentation so that a family emoji or an accented letter
/// built from combining marks moves as one unit.
extension String {
    /// The byte offset of the grapheme boundary after `byte` (or `byte` at end).
    func graphemeBoundary(after byte: Int) -> Int {
        let utf8 = self.utf8
        guard byte < utf8.count else { return utf8.count }
        let index = utf8.index(utf8.startIndex, offsetBy: byte)
        // ASCII followed by ASCII (or end) is its own cluster; skip the segmenter.
        let first = utf8[index]
        let nextIndex = utf8.index(after: index)
        if first < 0x80, first != 0x0D, nextIndex == utf8.endIndex || utf8[nextIndex] < 0x80 {
            return byte + 1
        }
        let next = self.index(after: index)
        return utf8.distance(from: utf8.startIndex, to: next)
    }

    /// The byte offset of the grapheme boundary before `byte` (or 0).
    func graphemeBoundary(before byte: Int) -> Int {
        guard byte > 0 else { return 0 }
        let utf8 = self.utf8
        let index = utf8.index(utf8.startIndex, offsetBy: byte)
        let previousByte = utf8[utf8.index(before: index)]
        if previousByte < 0x80 {
            // An ASCII byte ends a cluster unless a combining mark follows it,
            // and `byte` is a boundary, so check only the byte before that.
            if byte == 1 { return 0 }
            let beforeThat = utf8[utf8.index(index, offsetBy: -2)]
            if beforeThat < 0x80, previousByte != 0x0A { return byte - 1 }
        }
        let previous = self.index(before: index)
        return utf8.distance(from: utf8.startIndex, to: previous)
    }

    /// Snaps an arbitrary byte offset down to the enclosing grapheme boundary.
    func graphemeFloor(_ byte: Int) -> Int {
        var offset = 0
        for character in self {
            let size = character.utf8.count
            if offset + size > byte { return offset }
            offset += size
        }
        return offset
    }

    /// The substring between two byte offsets.
    func slice(bytes range: Range<Int>) -> Substring {
        let utf8 = self.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let upper = utf8.index(lower, offsetBy: range.count)
        return self[lower..<upper]
    }
}

extension Character {
    /// Terminal cells this grapheme takes: 2 for East Asian wide and emoji
    /// presentation, 4 for a tab (Fountain counts a tab as four spaces), else 1.
    var cellWidth: Int {
        let scalars = unicodeScalars
        let first = scalars.first!.value
        if first < 0x80 { return first == 0x09 ? 4 : 1 }
        for scalar in scalars {
            if scalar.value == 0xFE0F { return 2 }
        }
        return Self.isWide(first) || scalars.first!.properties.isEmojiPresentation ? 2 : 1
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
             0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
