/// A printable block named by element indices, before any text is built: what
/// `layoutBlocks` styles into a `LayoutBlock` and what `PageMap` measures
/// straight from the source bytes. Sections, synopses, boneyard and (without
/// notes) notes never become one.
enum PrintBlock: Sendable, Equatable {
    /// A heading, action, centred text, lyrics or transition; with notes, a
    /// standalone note; a body element without a cue prints as action.
    case element(Int)
    /// A speech: the cue at `cue` and its body elements up to `end`.
    case speech(cue: Int, end: Int)
    /// Dual dialogue: the left speech `left..<right`, the right one `right..<end`.
    case dual(left: Int, right: Int, end: Int)
    case pageBreak
    /// Extra blank lines the writer left between two action paragraphs.
    case blankLines(Int)
}

extension FountainDocument {
    /// The printable blocks in order (see `PrintBlock`). An action element
    /// whose lines print nothing is still listed; the layout skips it.
    func printBlocks(notes: Bool) -> [PrintBlock] {
        var blocks: [PrintBlock] = []
        blocks.reserveCapacity(elements.count / 2)
        let count = elements.count
        var i = 0
        while i < count {
            if let extra = extraBlankLines(before: i) { blocks.append(.blankLines(extra)) }
            switch elements[i].kind {
            case .sceneHeading, .action, .centered, .lyrics, .transition, .parenthetical, .dialogue:
                blocks.append(.element(i))
            case .pageBreak:
                blocks.append(.pageBreak)
            case .note where notes:
                blocks.append(.element(i))
            case .character:
                let end = speechEnd(from: i)
                if elements[i].dual == .left, end < count, elements[end].dual == .right, case .character = elements[end].kind {
                    let rightEnd = speechEnd(from: end)
                    blocks.append(.dual(left: i, right: end, end: rightEnd))
                    i = rightEnd
                } else {
                    blocks.append(.speech(cue: i, end: end))
                    i = end
                }
                continue
            case .section, .synopsis, .note, .boneyard:
                break
            }
            i += 1
        }
        return blocks
    }

    /// The index just past the speech whose cue is at `cue`.
    func speechEnd(from cue: Int) -> Int {
        var i = cue + 1
        var lastLine = elements[cue].lines.upperBound
        while i < elements.count, elements[i].continuesSpeech(endingAt: lastLine) {
            lastLine = elements[i].lines.upperBound
            i += 1
        }
        return i
    }
}
