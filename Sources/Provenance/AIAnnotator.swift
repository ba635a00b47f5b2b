import Fountain

/// Fountain with the AI lines marked by notes: `[[AI]]` on a line whose
/// text is all AI, `[[AI-edited]]` on a line with AI text the writer changed
/// or mixed with their own (`OriginClassifier`'s rule); human lines untouched.
///
/// Where the note goes, so that the annotated script parses to the same
/// elements plus notes (inline notes are invisible in every export):
/// - at the end of the line's text (before trailing spaces) for action,
///   dialogue, lyrics and forced (`>`) transitions;
/// - before the closing mark the parser needs at the end: a heading's
///   `#12#` scene number, a parenthetical's `)`, centred text's `<`;
/// - nowhere on a character cue or an unforced transition: a cue must be
///   upper case and a transition must end in `TO:`, so any note there would
///   turn the line into action. Their origins stay in the sidecar and in
///   `intercut provenance`.
/// Lines that do not print (title page, sections, synopses, notes,
/// boneyard) are never annotated. Each line keeps its own line ending.
public enum AIAnnotator {
    public static func annotate(_ document: FountainDocument, origins: ScriptOrigins) -> [UInt8] {
        var notes: [Int: (note: String, at: Int)] = [:]
        for element in document.elements {
            for line in element.lines where line < document.source.lineCount && line < origins.lineCount {
                let spans = origins[line]
                guard !spans.isAllHuman else { continue }
                let bytes = Array(document.source.lineBytes(line))
                let hidden = ProvenanceReport.hiddenRanges(of: element, onLine: line, bytes: bytes)
                guard let origin = OriginClassifier.origin(of: bytes, in: 0..<bytes.count, spans: spans, hidden: hidden),
                      origin != .human,
                      let position = notePosition(in: bytes, kind: element.kind, isForced: element.isForced) else { continue }
                notes[line] = (origin == .ai ? "[[AI]]" : "[[AI-edited]]", position)
            }
        }
        var out: [UInt8] = document.source.hasBOM ? [0xEF, 0xBB, 0xBF] : []
        out.reserveCapacity(document.source.bytes.count + notes.count * 14)
        for line in 0..<document.source.lineCount {
            let bytes = document.source.lineBytes(line)
            if let (note, at) = notes[line] {
                let head = bytes[bytes.startIndex..<(bytes.startIndex + at)]
                out.append(contentsOf: head)
                if let last = head.last, last != 0x20, last != 0x09 { out.append(0x20) }
                out.append(contentsOf: note.utf8)
                let tail = bytes[(bytes.startIndex + at)...]
                if let first = tail.first, first != 0x20, first != 0x09, ![0x29, 0x3C].contains(first) { out.append(0x20) }
                out.append(contentsOf: tail)
            } else {
                out.append(contentsOf: bytes)
            }
            out.append(contentsOf: document.source.lineEnding(line).bytes)
        }
        return out
    }

    /// The byte offset in `line` where the note goes, or nil when the line
    /// takes none (see the type's comment).
    static func notePosition(in line: [UInt8], kind: ElementKind, isForced: Bool) -> Int? {
        var end = line.count
        while end > 0, line[end - 1] == 0x20 || line[end - 1] == 0x09 || line[end - 1] == 0x0D { end -= 1 }
        guard end > 0 else { return nil }
        switch kind {
        case .character: return nil
        case .transition: return isForced ? end : nil
        case .parenthetical: return line[end - 1] == 0x29 ? end - 1 : end
        case .centered: return line[end - 1] == 0x3C ? end - 1 : end
        case .sceneHeading(let number):
            return number.flatMap { ProvenanceReport.sceneNumberStart(in: line, number: $0) } ?? end
        case .section, .synopsis, .note, .boneyard, .pageBreak: return nil
        default: return end
        }
    }
}
