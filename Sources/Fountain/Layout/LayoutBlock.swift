/// A printable element as the paginator sees it: the document model reduced to
/// what lands on paper (sections, synopses, notes and boneyard are already gone).
///
/// Text arrives as styled runs with emphasis markers removed. Multi-line
/// elements keep their source lines; an empty line is a blank row.
enum LayoutBlock: Sendable, Equatable {
    case sceneHeading([TextRun], number: String?)
    case action([[TextRun]])
    case centered([[TextRun]])
    case lyrics([[TextRun]])
    case transition([TextRun])
    case dialogue(Speech)
    case dualDialogue(Speech, Speech)
    case pageBreak
    /// Blank lines the writer added beyond the usual one between action
    /// paragraphs (Fountain takes every carriage return as intent).
    case blankLines(Int)
}

/// One speaker's dialogue block: the cue as printed (name and extensions) and
/// its parts in order.
struct Speech: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case parenthetical([TextRun])
        /// One source line of dialogue (lyrics sung in dialogue included); an
        /// empty line is the two-space blank line kept inside dialogue.
        case line([TextRun])
    }

    var cue: String
    var parts: [Part]

    /// The cue for the top of the next page when this speech is split:
    /// `NAME (CONT'D)`, never doubled when the cue already continues.
    var continuedCue: String {
        Self.hasContinuedMark(cue) ? cue : cue + " (CONT'D)"
    }

    /// Whether the cue already says it continues: `(CONT'D)`, `(CONT’D)` or
    /// `(CONT.)` in any case. A byte scan: this runs once per speech.
    static func hasContinuedMark(_ cue: String) -> Bool {
        let b = Array(cue.utf8)
        var i = 0
        while i + 5 < b.count {
            if b[i] == 0x28, b[i + 1] | 0x20 == 0x63, b[i + 2] | 0x20 == 0x6F, b[i + 3] | 0x20 == 0x6E,
               b[i + 4] | 0x20 == 0x74 {
                let rest = b[(i + 5)...]
                if rest.starts(with: Array("'D)".utf8)) || rest.starts(with: Array("'d)".utf8))
                    || rest.starts(with: Array("\u{2019}D)".utf8)) || rest.starts(with: Array("\u{2019}d)".utf8))
                    || rest.starts(with: Array(".)".utf8)) {
                    return true
                }
            }
            i += 1
        }
        return false
    }
}

/// The title page as the paginator sees it: fields in source order, each value
/// as styled lines.
struct TitlePageBlock: Sendable, Equatable {
    var fields: [(key: String, lines: [[TextRun]])]

    init(fields: [(key: String, lines: [[TextRun]])]) { self.fields = fields }

    static func == (a: TitlePageBlock, b: TitlePageBlock) -> Bool {
        a.fields.count == b.fields.count
            && zip(a.fields, b.fields).allSatisfy { $0.key == $1.key && $0.lines == $1.lines }
    }
}
