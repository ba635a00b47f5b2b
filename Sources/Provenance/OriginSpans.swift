/// A stretch of non-human text: `bytes` are UTF-8 offsets into the text the
/// span belongs to (a line, or a piece of text with "\n" in it).
public struct OriginSpan: Sendable, Equatable {
    public var bytes: Range<Int>
    public var origin: Origin

    public init(bytes: Range<Int>, origin: Origin) {
        self.bytes = bytes
        self.origin = origin
    }
}

/// The origins of one piece of text, stored sparsely: only the non-human
/// spans, sorted, disjoint, non-empty, and merged when neighbours share an
/// origin. Everything else is human, so an all-human line costs nothing.
///
/// Offsets are UTF-8 bytes, the editor's own unit, so keeping origins in step
/// with an edit never walks a string. A "\n" byte is never marked: in text
/// that spans lines, a run of AI text therefore always ends at its line's end.
public struct OriginSpans: Sendable, Equatable {
    public private(set) var spans: [OriginSpan]

    /// All human.
    public init() { spans = [] }

    /// Sorts nothing: `spans` must be in order and disjoint; human spans and
    /// empty ones are dropped, touching spans of one origin merged.
    public init(_ spans: [OriginSpan]) {
        self.spans = []
        for span in spans { append(span) }
    }

    /// `origin` over all of `text`, its "\n" bytes left human.
    public init(_ origin: Origin, over text: String) {
        self.init()
        guard origin != .human else { return }
        var start = 0
        var offset = 0
        for byte in text.utf8 {
            if byte == 0x0A {
                append(OriginSpan(bytes: start..<offset, origin: origin))
                start = offset + 1
            }
            offset += 1
        }
        append(OriginSpan(bytes: start..<offset, origin: origin))
    }

    public var isAllHuman: Bool { spans.isEmpty }

    /// The origin of the byte at `offset` (human outside every span).
    public func origin(atByte offset: Int) -> Origin {
        var low = 0, high = spans.count
        while low < high {
            let mid = (low + high) / 2
            if spans[mid].bytes.upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low < spans.count && spans[low].bytes.contains(offset) ? spans[low].origin : .human
    }

    /// The spans inside `range`, moved so that `range.lowerBound` is 0.
    func clipped(to range: Range<Int>) -> OriginSpans {
        var result = OriginSpans()
        for span in spans where span.bytes.overlaps(range) {
            let lower = max(span.bytes.lowerBound, range.lowerBound) - range.lowerBound
            let upper = min(span.bytes.upperBound, range.upperBound) - range.lowerBound
            result.append(OriginSpan(bytes: lower..<upper, origin: span.origin))
        }
        return result
    }

    /// Appends `other`'s spans moved right by `offset` (which must be at or
    /// past this value's last span).
    mutating func append(_ other: OriginSpans, at offset: Int) {
        for span in other.spans {
            append(OriginSpan(bytes: (span.bytes.lowerBound + offset)..<(span.bytes.upperBound + offset), origin: span.origin))
        }
    }

    /// Appends one span after the last; merges it with a touching one of the same origin.
    mutating func append(_ span: OriginSpan) {
        guard span.origin != .human, !span.bytes.isEmpty else { return }
        if let last = spans.last, last.bytes.upperBound == span.bytes.lowerBound, last.origin == span.origin {
            spans[spans.count - 1].bytes = last.bytes.lowerBound..<span.bytes.upperBound
        } else {
            spans.append(span)
        }
    }

    /// Turns the ai text of the machine run holding byte `offset` into
    /// ai-edited. A run is a stretch of touching non-human spans; it never
    /// crosses a "\n" (which is never marked).
    mutating func markRunEdited(containing offset: Int) {
        guard let index = spans.firstIndex(where: { $0.bytes.contains(offset) }) else { return }
        var first = index, last = index
        while first > 0, spans[first - 1].bytes.upperBound == spans[first].bytes.lowerBound { first -= 1 }
        while last + 1 < spans.count, spans[last].bytes.upperBound == spans[last + 1].bytes.lowerBound { last += 1 }
        let start = spans[first].bytes.lowerBound, end = spans[last].bytes.upperBound
        spans.replaceSubrange(first...last, with: [OriginSpan(bytes: start..<end, origin: .aiEdited)])
    }

    /// Splits text-wide spans into one value per line, given the byte offsets
    /// of the text's "\n" characters, in order.
    func splitLines(atNewlines newlines: [Int]) -> [OriginSpans] {
        var result: [OriginSpans] = []
        result.reserveCapacity(newlines.count + 1)
        var lineStart = 0
        for newline in newlines {
            result.append(clipped(to: lineStart..<newline))
            lineStart = newline + 1
        }
        result.append(clipped(to: lineStart..<Int.max))
        return result
    }

    /// The origins of a line as runs of Characters covering all of `line`.
    public func runs(in line: String) -> [OriginRun] {
        var runs: [OriginRun] = []
        var column = 0
        var byte = 0
        for character in line {
            let origin = spans.isEmpty ? .human : self.origin(atByte: byte)
            if let last = runs.last, last.origin == origin {
                runs[runs.count - 1].columns = last.columns.lowerBound..<(column + 1)
            } else {
                runs.append(OriginRun(columns: column..<(column + 1), origin: origin))
            }
            column += 1
            byte += character.utf8.count
        }
        return runs
    }
}
