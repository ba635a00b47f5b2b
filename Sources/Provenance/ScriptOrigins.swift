/// The origins of a whole script: one `OriginSpans` per line, in step with
/// the text's lines (lines without their "\n").
public struct ScriptOrigins: Sendable, Equatable {
    public private(set) var lines: [OriginSpans]

    /// `lineCount` all-human lines.
    public init(lineCount: Int) {
        lines = Array(repeating: OriginSpans(), count: max(1, lineCount))
    }

    public init(lines: [OriginSpans]) {
        self.lines = lines.isEmpty ? [OriginSpans()] : lines
    }

    public var lineCount: Int { lines.count }
    public subscript(line: Int) -> OriginSpans { lines[line] }
    public var isAllHuman: Bool { lines.allSatisfy(\.isAllHuman) }

    /// Puts back lines saved before an edit (undo and redo restore exactly).
    public mutating func replaceLines(_ range: ClosedRange<Int>, with saved: [OriginSpans]) {
        lines.replaceSubrange(range, with: saved)
        if lines.isEmpty { lines = [OriginSpans()] }
    }

    /// The origins of the text from (`startLine`, `startByte`) to
    /// (`endLine`, `endByte`), as spans over that text (`text` is it, "\n"
    /// between lines).
    public func extract(startLine: Int, startByte: Int, endLine: Int, text: String) -> OriginSpans {
        var result = OriginSpans()
        var offset = 0
        var line = startLine
        var pieceStart = startByte
        for piece in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            guard line <= endLine else { break }
            result.append(lines[line].clipped(to: pieceStart..<(pieceStart + piece.count)), at: offset)
            offset += piece.count + 1
            line += 1
            pieceStart = 0
        }
        return result
    }

    /// How inserted text gets its origins.
    public enum Insertion: Sendable, Equatable {
        /// Typed, pasted or rewritten by the writer: see `replace` for the rule.
        case writer
        /// Text with known origins (a suggestion, the editor's own clipboard);
        /// the text around it keeps its origins untouched.
        case marked(OriginSpans)
    }

    /// Keeps origins in step with replacing the text from (`startLine`,
    /// `startByte`) to (`endLine`, `endByte`), which held `removed`, by
    /// `inserted`.
    ///
    /// The writer rule (`.writer`): the common beginning and end of `removed`
    /// and `inserted` keep their origins (so a rewrite that changes one word
    /// keeps the rest); the changed middle is human when it replaced human
    /// text, and ai-edited when it replaced any ai or ai-edited text. An AI
    /// run the edit cuts into — characters deleted from it, or text put between
    /// two of its characters — becomes ai-edited, the whole run on that line
    /// (a run never crosses a line end). Typing at the very start or end of a
    /// run leaves it ai: the line then mixes origins and counts as ai-edited
    /// (see `OriginClassifier`).
    public mutating func replace(startLine: Int, startByte: Int, endLine: Int, endByte: Int,
                                 removed: String, inserted: String, origins insertion: Insertion) {
        let first = lines[startLine]
        let last = lines[endLine]
        let insertedCount = inserted.utf8.count
        var newlines: [Int] = []
        var offset = startByte
        for byte in inserted.utf8 {
            if byte == 0x0A { newlines.append(offset) }
            offset += 1
        }
        // Fast path: writer text into an all-human neighbourhood stays all human.
        if case .writer = insertion, lines[startLine...endLine].allSatisfy(\.isAllHuman) {
            lines.replaceSubrange(startLine...endLine, with: repeatElement(OriginSpans(), count: newlines.count + 1))
            return
        }
        var insertedOrigins: OriginSpans
        var middle = 0..<0          // the changed part, in the new text
        var removedMiddle = OriginSpans()
        var removedMiddleCount = 0
        switch insertion {
        case .marked(let spans):
            insertedOrigins = spans
        case .writer:
            let removedOrigins = extract(startLine: startLine, startByte: startByte, endLine: endLine, text: removed)
            let removedBytes = Array(removed.utf8), insertedBytes = Array(inserted.utf8)
            let prefix = Self.commonPrefix(removedBytes, insertedBytes)
            let suffix = Self.commonSuffix(removedBytes[prefix...], insertedBytes[prefix...])
            removedMiddleCount = removedBytes.count - prefix - suffix
            removedMiddle = removedOrigins.clipped(to: prefix..<(removedBytes.count - suffix))
            insertedOrigins = removedOrigins.clipped(to: 0..<prefix)
            let middleCount = insertedBytes.count - prefix - suffix
            if !removedMiddle.isAllHuman {
                insertedOrigins.append(OriginSpans(.aiEdited, over: String(decoding: insertedBytes[prefix..<(prefix + middleCount)], as: UTF8.self)),
                                       at: prefix)
            }
            insertedOrigins.append(removedOrigins.clipped(to: (removedBytes.count - suffix)..<removedBytes.count), at: prefix + middleCount)
            middle = (startByte + prefix)..<(startByte + prefix + middleCount)
        }
        // The changed stretch as one text: the first line's start, the
        // inserted text, the last line's end.
        var joined = first.clipped(to: 0..<startByte)
        joined.append(insertedOrigins, at: startByte)
        joined.append(last.clipped(to: endByte..<Int.max), at: startByte + insertedCount)
        if case .writer = insertion {
            let left = middle.lowerBound - 1, right = middle.upperBound
            let leftMachine = left >= 0 && joined.origin(atByte: left).isMachine
            let rightMachine = joined.origin(atByte: right).isMachine
            if removedMiddleCount == 0 {
                // Put between two machine characters: the run was cut.
                if leftMachine && rightMachine && !middle.isEmpty {
                    joined.markRunEdited(containing: left)
                    joined.markRunEdited(containing: right)
                }
            } else {
                if leftMachine, removedMiddle.origin(atByte: 0).isMachine { joined.markRunEdited(containing: left) }
                if rightMachine, removedMiddle.origin(atByte: removedMiddleCount - 1).isMachine { joined.markRunEdited(containing: right) }
            }
        }
        lines.replaceSubrange(startLine...endLine, with: joined.splitLines(atNewlines: newlines))
    }

    /// Bytes `a` and `b` share at the start, backed off to a UTF-8 character start.
    static func commonPrefix(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var count = 0
        let limit = min(a.count, b.count)
        while count < limit, a[count] == b[count] { count += 1 }
        while count > 0, count < b.count, b[count] & 0xC0 == 0x80 { count -= 1 }
        return count
    }

    /// Bytes `a` and `b` share at the end, backed off to a UTF-8 character start.
    static func commonSuffix(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Int {
        var count = 0
        let limit = min(a.count, b.count)
        while count < limit, a[a.endIndex - 1 - count] == b[b.endIndex - 1 - count] { count += 1 }
        while count > 0, b[b.endIndex - count] & 0xC0 == 0x80 { count -= 1 }
        return count
    }
}
