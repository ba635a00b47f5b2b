import Foundation
import Testing
@testable import Fountain

/// The page map measures blocks from the source bytes without building text;
/// the reference is the styled path (`layoutBlock` then `Paginator.lay`). Both
/// must give the same rows, flags and groups for every block, and the page map's
/// layout must equal paginating the styled blocks.
@Suite struct RowMeasurerTests {
    /// The rows the styled path gives, block by block.
    func referenceStream(_ document: FountainDocument, paper: PaperSize, notes: Bool) -> RowStream {
        let paginator = Paginator(paper: paper)
        var stream = RowStream()
        for (index, block) in document.printBlocks(notes: notes).enumerated() {
            switch block {
            case .pageBreak: stream.appendPageBreak()
            case .blankLines(let count): stream.appendBlankLines(count, index: index)
            default:
                guard let styled = document.layoutBlock(block, notes: notes) else { continue }
                var isTransition = false
                if case .transition = styled { isTransition = true }
                stream.append(paginator.lay(styled), index: index, isTransition: isTransition)
            }
        }
        return stream
    }

    func check(_ document: FountainDocument, _ name: String) {
        for paper in PaperSize.allCases {
            for notes in [false, true] {
                let map = document.pageMap(paper: paper, notes: notes)
                let reference = referenceStream(document, paper: paper, notes: notes)
                #expect(map.stream.rows == reference.rows, "\(name) \(paper) notes: \(notes)")
                #expect(map.stream.items == reference.items, "\(name) \(paper) notes: \(notes)")
                let pages = Paginator(paper: paper).paginate(document.layoutBlocks(notes: notes))
                #expect(map.layout().pages == pages, "\(name) \(paper) notes: \(notes)")
                #expect(map.pageCount == pages.count)
            }
        }
    }

    @Test func examplesMeasureAsTheyLayOut() throws {
        for (name, document) in try ExamplesTests.examples() { check(document, name) }
    }

    /// Long lines of mixed fragments: wrapping, emphasis, escapes, tabs,
    /// non-ASCII text, sentence ends, notes and boneyard, in every element.
    static let words = [
        "word", "the", "light", "*falls*", "**her**", "_under_", "***both***", "_**mix**_", "\\*not\\*", "mövé",
        "straße", "“quoted”", "end…", "wait.", "why?", "yes!", "-", "'", ")", "\"", "ÉMILE", "ß", "e\u{301}", "日本語",
        "[[a note]]", "/*bone*/", "\t", "supercalifragilisticexpialidocious-and-then-some-more-words-still",
    ]

    static func line(_ rng: inout SeededRandom) -> String {
        let count = Int(rng.next() % 24)
        var out = ""
        for k in 0..<count {
            if k > 0 { out += rng.next() % 6 == 0 ? "  " : " " }
            out += words[Int(rng.next() % UInt64(words.count))]
        }
        return out
    }

    static func script(_ rng: inout SeededRandom) -> String {
        let cues = ["ANNA", "BOB (V.O.)", "@mcintyre", "CHARLOTTE (CONT'D)", "ÉMILE ^", "DR. ÜBER (O.S.) ^"]
        var out = ""
        for _ in 0..<(20 + Int(rng.next() % 60)) {
            switch rng.next() % 12 {
            case 0: out += "INT. " + line(&rng) + (rng.next() % 2 == 0 ? " #\(rng.next() % 99)#" : "") + "\n\n"
            case 1: out += ".forced " + line(&rng) + "\n\n"
            case 2, 3:
                for _ in 0...(rng.next() % 4) { out += line(&rng) + "\n" }
                out += String(repeating: "\n", count: 1 + Int(rng.next() % 3))
            case 4, 5, 6:
                out += cues[Int(rng.next() % UInt64(cues.count))] + "\n"
                for _ in 0...(rng.next() % 5) {
                    switch rng.next() % 5 {
                    case 0: out += "(" + line(&rng) + ")\n"
                    case 1: out += "~" + line(&rng) + "\n"
                    case 2: out += "  \n"
                    default: out += line(&rng) + "\n"
                    }
                }
                out += "\n"
            case 7: out += [">" + line(&rng), "CUT TO:", ">" + line(&rng) + "<", "~" + line(&rng)][Int(rng.next() % 4)] + "\n\n"
            case 8: out += "===\n\n"
            case 9: out += ScriptGenerator.line(&rng) + "\n" + ScriptGenerator.line(&rng) + "\n\n"
            case 10: out += "[[" + line(&rng) + "]]\n\n"
            default: out += "!" + line(&rng) + "\n\n"
            }
        }
        return out
    }

    @Test func randomScriptsMeasureAsTheyLayOut() {
        var rng = SeededRandom(seed: 2026)
        for k in 0..<150 {
            check(FountainDocument(parsing: Self.script(&rng)), "random script \(k)")
        }
        for k in 0..<150 {
            let bytes = ScriptGenerator.script(&rng, lines: 80)
            check(FountainDocument(parsing: String(decoding: bytes, as: UTF8.self)), "generated fragments \(k)")
        }
    }
}
