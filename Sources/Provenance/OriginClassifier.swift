/// Turns character-level origins into the origin of a line or a word, the
/// units reports count and export annotates.
///
/// Rule (the same for a line and a word): only non-blank characters count;
/// none of them ai or ai-edited → human; all of them ai → ai; anything else
/// (ai-edited text, or ai and human text mixed) → ai-edited. So a line the
/// writer finished after an accepted half-line counts as ai-edited, and a
/// human line with no AI in it never does. A word is a run of non-blank
/// characters with at least one letter or digit, as `intercut stats` counts.
enum OriginClassifier {
    /// The origin of the bytes `range` of `line`, or nil when they are blank.
    /// `hidden` byte ranges (inline notes, boneyard) are skipped.
    static func origin(of line: [UInt8], in range: Range<Int>, spans: OriginSpans, hidden: [Range<Int>] = []) -> Origin? {
        var sawAny = false, sawHuman = false, sawAI = false, sawEdited = false
        for offset in range where !isBlank(line[offset]) && !hidden.contains(where: { $0.contains(offset) }) {
            sawAny = true
            switch spans.isAllHuman ? .human : spans.origin(atByte: offset) {
            case .human: sawHuman = true
            case .ai: sawAI = true
            case .aiEdited: sawEdited = true
            }
        }
        guard sawAny else { return nil }
        if !sawAI && !sawEdited { return .human }
        if sawAI && !sawEdited && !sawHuman { return .ai }
        return .aiEdited
    }

    /// The words of a line (byte ranges), skipping `hidden` ranges.
    static func words(of line: [UInt8], hidden: [Range<Int>] = []) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        var hasAlnum = false
        for offset in 0...line.count {
            let boundary = offset == line.count || isBlank(line[offset]) || hidden.contains { $0.contains(offset) }
            if boundary {
                if let wordStart = start, hasAlnum { words.append(wordStart..<offset) }
                start = nil
                hasAlnum = false
            } else {
                if start == nil { start = offset }
                let byte = line[offset]
                // Letters and digits: ASCII ones, or any non-ASCII byte (letters of other scripts).
                if (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte >= 0x80 { hasAlnum = true }
            }
        }
        return words
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
}
