/// Keeps `Pagination` current as the script is edited, re-measuring only
/// the lines an edit can affect.
///
/// An edit re-measures its own lines plus the paragraph before and after it
/// (a new cue changes the kind of the lines under it; `^` changes the block
/// before). An edit that adds or removes a boneyard marker, or touches the
/// title page, re-measures everything, since those reach arbitrarily far.
/// The page sweep (integer work per line) runs only when some line's
/// measurement or the line count changed.
struct PaginationTracker {
    private var metrics: [Pagination.LineMetrics]
    private var stale: [Range<Int>]
    private var needsSweep = true
    private(set) var pagination = Pagination()

    init(lineCount: Int) {
        metrics = Array(repeating: .init(kind: .blank, height: -1), count: lineCount)
        stale = [0..<lineCount]
    }

    mutating func linesReplaced(first: Int, removed: Int, inserted: Int, lines: [String], everything: Bool) {
        let delta = inserted - removed
        if delta != 0 || everything { needsSweep = true }
        if removed != inserted {
            metrics.replaceSubrange(first..<(first + removed), with: repeatElement(.init(kind: .blank, height: -1), count: inserted))
            stale = stale.map { range in
                if range.lowerBound >= first + removed { return (range.lowerBound + delta)..<(range.upperBound + delta) }
                if range.upperBound > first { return min(range.lowerBound, first)..<max(first + inserted, range.upperBound + delta) }
                return range
            }
        }
        if everything {
            stale = [0..<lines.count]
            return
        }
        stale.append(Self.paragraphsAround(first..<(first + inserted), in: lines))
    }

    /// The edited lines widened to the paragraph before and after them.
    static func paragraphsAround(_ range: Range<Int>, in lines: [String]) -> Range<Int> {
        func blank(_ i: Int) -> Bool { lines[i].allSatisfy { $0 == " " || $0 == "\t" } }
        var start = min(range.lowerBound, lines.count - 1)
        var end = min(max(range.upperBound, start + 1), lines.count)
        // Back over this paragraph, the blank lines before it and the paragraph before those.
        while start > 0, !blank(start - 1) { start -= 1 }
        while start > 0, blank(start - 1) { start -= 1 }
        while start > 0, !blank(start - 1) { start -= 1 }
        while end < lines.count, !blank(end) { end += 1 }
        while end < lines.count, blank(end) { end += 1 }
        while end < lines.count, !blank(end) { end += 1 }
        return start..<end
    }

    /// The pagination, after re-measuring stale lines with `measure`.
    mutating func current(measure: (Int) -> Pagination.LineMetrics) -> Pagination {
        for range in stale {
            for line in max(0, range.lowerBound)..<min(range.upperBound, metrics.count) {
                let measured = measure(line)
                if measured != metrics[line] {
                    metrics[line] = measured
                    needsSweep = true
                }
            }
        }
        stale.removeAll(keepingCapacity: true)
        if needsSweep {
            pagination = Pagination(lines: metrics)
            needsSweep = false
        }
        return pagination
    }
}
