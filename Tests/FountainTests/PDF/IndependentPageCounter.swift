@testable import Fountain

/// Counts the pages a screenplay takes by the reference's rules
/// (../shared/reference/screenplay-layout.md), written apart from the
/// paginator in Sources/Fountain/Layout so the two can check each other.
///
/// Deliberately simple: greedy word wrap at the column widths, one blank line
/// before each block (none inside a dialogue block), dialogue split between
/// lines with (MORE) and a CONT'D cue, headings and cues kept with what
/// follows, action of 1–3 lines kept whole and longer action not split after
/// its first or before its last line, forced page breaks honoured, and the
/// two sides of a dual dialogue as tall as the taller one.
struct IndependentPageCounter {
    enum Kind: Equatable { case heading, action, cue, parenthetical, dialogue, transition, pageBreak }

    struct Item {
        var kind: Kind
        var text: String
        var dualSide: Int?   // nil, 0 (left) or 1 (right)
    }

    let linesPerPage: Int
    let actionWidth: Int

    /// One placed block: its height and how it may be split.
    private struct Block {
        enum Shape { case whole, action, dialogue, keepWithNext }
        var lines: Int
        var shape: Shape
        var blankBefore: Int
    }

    func pages(_ items: [Item]) -> Int {
        var blocks: [Block?] = []   // nil = forced page break
        var i = 0
        while i < items.count {
            let item = items[i]
            switch item.kind {
            case .pageBreak:
                blocks.append(nil)
                i += 1
            case .heading:
                blocks.append(Block(lines: wrap(item.text, actionWidth), shape: .keepWithNext, blankBefore: 1))
                i += 1
            case .action, .transition:
                let lines = wrap(item.text, actionWidth)
                blocks.append(Block(lines: lines, shape: item.kind == .action && lines > 3 ? .action : .whole, blankBefore: 1))
                i += 1
            case .cue, .parenthetical, .dialogue:
                // One speaker, or both sides of a dual dialogue.
                var sides: [Int: Int] = [:]
                var j = i
                while j < items.count, [.cue, .parenthetical, .dialogue].contains(items[j].kind) {
                    if j > i && items[j].kind == .cue && items[j].dualSide != 1 { break }
                    let side = items[j].dualSide ?? 0
                    let dual = items[j].dualSide != nil
                    let width: Int
                    switch items[j].kind {
                    case .cue: width = dual ? 25 : 33
                    case .parenthetical: width = dual ? 20 : 26
                    default: width = dual ? 27 : 36
                    }
                    sides[side, default: 0] += wrap(items[j].text, width)
                    j += 1
                }
                let height = sides.values.max() ?? 1
                blocks.append(Block(lines: height, shape: sides.count > 1 ? .whole : .dialogue, blankBefore: 1))
                i = j
            }
        }

        var pages = 1
        var used = 0
        var index = 0
        while index < blocks.count {
            guard var block = blocks[index] else {
                if used > 0 { pages += 1; used = 0 }
                index += 1
                continue
            }
            let blank = used == 0 ? 0 : block.blankBefore
            var needed = block.lines
            if block.shape == .keepWithNext, index + 1 < blocks.count, let next = blocks[index + 1] {
                needed += next.blankBefore + min(next.lines, next.shape == .whole ? next.lines : 2)
            }
            if used + blank + needed <= linesPerPage {
                used += blank + block.lines
                index += 1
                continue
            }
            let room = linesPerPage - used - blank
            switch block.shape {
            case .action where room >= 2 && block.lines - room >= 2:
                block.lines -= room
                blocks[index] = block
                blocks[index]!.blankBefore = 0
                pages += 1
                used = 0
            case .dialogue where room >= 3 && block.lines - (room - 1) >= 1:
                // cue + at least one line + (MORE) here; CONT'D cue + rest there.
                let placed = room - 1 - 1
                blocks[index] = Block(lines: 1 + block.lines - 1 - placed, shape: .dialogue, blankBefore: 0)
                pages += 1
                used = 0
            default:
                if used == 0 {
                    // Taller than a page: it has to be cut somewhere.
                    used = block.lines % linesPerPage
                    pages += block.lines / linesPerPage
                    index += 1
                } else {
                    pages += 1
                    used = 0
                }
            }
        }
        return pages
    }

    /// Lines `text` takes when word-wrapped at `width` characters.
    private func wrap(_ text: String, _ width: Int) -> Int {
        var total = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var count = 1, current = 0
            for word in line.split(separator: " ") {
                let length = word.count
                if current == 0 {
                    current = length
                } else if current + 1 + length <= width {
                    current += 1 + length
                } else {
                    count += 1
                    current = length
                }
                while current > width {
                    count += 1
                    current -= width
                }
            }
            total += count
        }
        return max(total, 1)
    }
}

extension IndependentPageCounter {
    /// The printable items of a parsed script: sections, synopses, notes and
    /// boneyard dropped; emphasis markers and inline notes removed from the
    /// text (they take no room on the page); cues printed with extensions.
    static func items(_ document: FountainDocument) -> [Item] {
        var items: [Item] = []
        for element in document.elements {
            let side = element.dual.map { $0 == .left ? 0 : 1 }
            let text = printed(element.text)
            switch element.kind {
            case .sceneHeading: items.append(Item(kind: .heading, text: text))
            case .action, .centered, .lyrics: items.append(Item(kind: .action, text: text))
            case .character(let name, let ext, _):
                items.append(Item(kind: .cue, text: name + (ext.map { " " + $0 } ?? ""), dualSide: side))
            case .parenthetical: items.append(Item(kind: .parenthetical, text: text, dualSide: side))
            case .dialogue: items.append(Item(kind: .dialogue, text: text, dualSide: side))
            case .transition: items.append(Item(kind: .transition, text: text))
            case .pageBreak: items.append(Item(kind: .pageBreak, text: ""))
            case .section, .synopsis, .note, .boneyard: break
            }
        }
        return items
    }

    private static func printed(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "[[") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "]]") else { rest = rest[open.lowerBound...]; break }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out.replacingOccurrences(of: "\\*", with: "\u{1}").replacingOccurrences(of: "\\_", with: "\u{2}")
            .replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "_", with: "")
            .replacingOccurrences(of: "\u{1}", with: "*").replacingOccurrences(of: "\u{2}", with: "_")
    }
}
