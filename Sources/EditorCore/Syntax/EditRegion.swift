/// The lines an edit can change the meaning of, for the caches that are
/// kept across edits (outline, line layouts).
enum EditRegion {
    /// The edited lines widened to the paragraph before and after them: a
    /// new cue changes the kind of the lines under it, `^` changes the block
    /// before.
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
}
