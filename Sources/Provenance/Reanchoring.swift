/// Origins carried from a saved sidecar onto the script as it is now.
///
/// Lines the diff finds unchanged keep their spans. A line that took the
/// place of a saved line (`LineDiff.Match.changed`) is treated as if the
/// writer had retyped the old text into the new one inside Intercut
/// (`ScriptOrigins.replace`'s writer rule): the unchanged start and end keep
/// their origins, AI text that was changed becomes ai-edited, so a changed
/// line that was AI always counts as ai-edited. New lines are human; lines
/// that are gone take their origins with them, unless their exact text
/// turns up elsewhere (moved), where they keep their origins.
public struct Reanchoring: Sendable, Equatable {
    public var origins: ScriptOrigins
    /// Saved lines with AI text that were changed outside Intercut.
    public var changedLines: Int
    /// Lines that were not in the saved script.
    public var addedLines: Int
    /// Saved lines with AI text that are gone.
    public var droppedLines: Int

    /// Whether the script was the one saved (origins restored exactly).
    public var isExact: Bool { changedLines == 0 && addedLines == 0 && droppedLines == 0 }

    public init(origins: ScriptOrigins, changedLines: Int, addedLines: Int, droppedLines: Int) {
        self.origins = origins
        self.changedLines = changedLines
        self.addedLines = addedLines
        self.droppedLines = droppedLines
    }

    init(saved: ProvenanceSidecar, lines: [String], hashes: [UInt64]) {
        let matches = LineDiff.match(old: saved.lineHashes, new: hashes)
        var spans = Array(repeating: OriginSpans(), count: max(1, lines.count))
        var changed = 0, added = 0
        var kept = Set<Int>()
        // Unchanged lines first.
        for (index, match) in matches.enumerated() {
            guard case .same(let old) = match, let marked = saved.markedLines[old], marked.text == lines[index] else { continue }
            spans[index] = marked.origins
            kept.insert(old)
        }
        // AI lines the diff lost but whose text is still there were moved
        // (a scene cut and pasted elsewhere): they keep their origins.
        var moved: [String: [Int]] = [:]
        for old in saved.markedLines.keys.sorted() where !kept.contains(old) {
            moved[saved.markedLines[old]!.text, default: []].append(old)
        }
        for (index, match) in matches.enumerated() {
            if case .same(let old) = match, kept.contains(old) { continue }
            if let candidates = moved[lines[index]], let old = candidates.first(where: { !kept.contains($0) }) {
                spans[index] = saved.markedLines[old]!.origins
                kept.insert(old)
                continue
            }
            switch match {
            case .same(let old), .changed(let old):
                // `.same` here means equal hashes but different text: a collision.
                guard let marked = saved.markedLines[old], !kept.contains(old) else { continue }
                kept.insert(old)
                spans[index] = Self.retyped(marked, as: lines[index])
                changed += 1
            case .added:
                added += 1
            }
        }
        origins = ScriptOrigins(lines: spans)
        changedLines = changed
        addedLines = added
        droppedLines = saved.markedLines.keys.filter { !kept.contains($0) }.count
    }

    /// The origins of `marked` after the writer's edit turned its text into `text`.
    private static func retyped(_ marked: ProvenanceSidecar.MarkedLine, as text: String) -> OriginSpans {
        var line = ScriptOrigins(lines: [marked.origins])
        line.replace(startLine: 0, startByte: 0, endLine: 0, endByte: marked.text.utf8.count,
                     removed: marked.text, inserted: text, origins: .writer)
        return line[0]
    }
}
