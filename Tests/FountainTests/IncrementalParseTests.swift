import Testing
@testable import Fountain

/// Incremental re-parse must always equal a full parse of the edited text.
struct IncrementalParseTests {
    static let typed: [String] = ["/*", "*/", "[[", "]]", "Title:", "^", "*", "_", "\\", "#", "=", "~", ">", "<",
                                  "@", ".", "!", "(", ")", " ", "  ", "a", "A", "TO:", "INT. ", "\t", "é", "👋", "\r"]

    /// One random edit: replace, insert or delete lines, or type/delete characters in a line.
    static func randomEdit(_ doc: FountainDocument, _ rng: inout SeededRandom) -> (Range<Int>, [String]) {
        let n = doc.source.lineCount
        // Edits near the top exercise the title page (typing `Title:` on line 0).
        let a = rng.next() % 5 == 0 ? Int(rng.next() % UInt64(min(n, 3) + 1)) : Int(rng.next() % UInt64(n + 1))
        switch rng.next() % 6 {
        case 0:  // replace a few lines with generated ones
            let b = min(n, a + Int(rng.next() % 3))
            let count = Int(rng.next() % 3)
            return (a..<b, (0..<count).map { _ in ScriptGenerator.line(&rng) })
        case 1:  // delete lines
            let b = min(n, a + 1 + Int(rng.next() % 2))
            return (min(a, b)..<b, [])
        case 2:  // insert blank lines
            return (a..<a, Array(repeating: "", count: 1 + Int(rng.next() % 2)))
        default:  // type or delete within one line
            let l = min(a, n - 1)
            var text = Array(doc.source.line(l))
            let pos = text.isEmpty ? 0 : Int(rng.next() % UInt64(text.count + 1))
            if rng.next() % 3 == 0, !text.isEmpty {
                text.remove(at: min(pos, text.count - 1))
            } else if rng.next() % 10 == 0 {
                // Split the line (typing Return).
                let left = String(text[..<pos]), right = String(text[pos...])
                return (l..<(l + 1), [left, right])
            } else {
                let s = typed[Int(rng.next() % UInt64(typed.count))]
                text.insert(contentsOf: Array(s), at: pos)
            }
            return (l..<(l + 1), [String(text)])
        }
    }

    /// Splits at LF, CRLF and lone CR, as `replaceLines` does.
    static func splitLines(_ s: String) -> [String] {
        s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func randomEditsMatchFullParse() throws {
        var rng = SeededRandom(seed: 42)
        var checked = 0
        for _ in 0..<80 {
            var doc = try FountainDocument(bytes: ScriptGenerator.script(&rng, lines: 5 + Int(rng.next() % 60)))
            for _ in 0..<100 {
                let (range, lines) = Self.randomEdit(doc, &rng)
                var expectedLines = doc.source.lines
                expectedLines.replaceSubrange(range, with: lines.flatMap(Self.splitLines))
                if expectedLines.isEmpty { expectedLines = [""] }
                let before = doc.sourceString
                doc.replaceLines(range, with: lines)
                let full = FountainDocument(parsing: doc.sourceString)
                #expect(doc.source.lines == expectedLines)
                // The line table must be what a fresh read of the bytes gives.
                #expect(doc.source == full.source)
                if doc.elements != full.elements {
                    let k = Array(zip(doc.elements, full.elements)).firstIndex { $0.0 != $0.1 } ?? min(doc.elements.count, full.elements.count)
                    let got = k < doc.elements.count ? "\(doc.elements[k])" : "none"
                    let want = k < full.elements.count ? "\(full.elements[k])" : "none"
                    Issue.record("after replacing \(range) with \(lines) in \(before.debugDescription)\nelement \(k): got \(got)\nwant \(want)")
                }
                #expect(doc.titlePage == full.titlePage)
                if doc.elements != full.elements { return }
                checked += 1
            }
        }
        #expect(checked == 8000)
    }

    @Test func typingATitlePageAtTheTop() {
        var doc = FountainDocument(parsing: "\n\nINT. HOUSE - DAY\n\nAction.\n")
        for (k, ch) in "Title: Mine".enumerated() {
            let line = String("Title: Mine".prefix(k + 1))
            _ = ch
            doc.replaceLines(0..<1, with: [line])
            #expect(doc.elements == FountainDocument(parsing: doc.sourceString).elements)
            #expect(doc.titlePage == FountainDocument(parsing: doc.sourceString).titlePage)
        }
        #expect(doc.titlePage.map(\.value) == ["Mine"])
        #expect(doc.elements.map(\.kind) == [.sceneHeading(sceneNumber: nil), .action])
    }

    @Test func otherLinesKeepTheirBytes() {
        var doc = FountainDocument(parsing: "A\r\nB\r\n\r\nC")
        doc.replaceLines(1..<2, with: ["X", "Y"])
        #expect(doc.sourceString == "A\r\nX\r\nY\r\n\r\nC")
        doc.replaceLines(4..<5, with: [])
        #expect(doc.sourceString == "A\r\nX\r\nY\r\n")
        doc.replaceLines(4..<4, with: ["END"])
        #expect(doc.sourceString == "A\r\nX\r\nY\r\n\r\nEND")
    }

    @Test func typingACaretPairsDialogue() {
        var doc = FountainDocument(parsing: "JOHN\nHi.\n\nMARY\nHello.\n")
        #expect(doc.elements.allSatisfy { $0.dual == nil })
        doc.replaceLines(3..<4, with: ["MARY ^"])
        #expect(doc.elements.map(\.dual) == [.left, .left, .right, .right])
        doc.replaceLines(3..<4, with: ["MARY"])
        #expect(doc.elements.allSatisfy { $0.dual == nil })
    }

    @Test func openingBoneyardHidesUntilClose() {
        var doc = FountainDocument(parsing: "One.\n\nTwo.\n\nThree. */\n\nFour.\n")
        #expect(doc.elements.count == 4)
        doc.replaceLines(2..<3, with: ["/* Two."])
        #expect(doc.elements.map(\.text) == ["One.", "", " ", "Four."] || doc.elements == FountainDocument(parsing: doc.sourceString).elements)
        #expect(doc.elements.contains { $0.kind == .boneyard })
    }
}

extension IncrementalParseTests {
    @Test func typingInsideALongBoneyardMatchesAFullParse() throws {
        let hidden = (1...40).map { "Cut line \($0) of the old ending." }.joined(separator: "\n")
        var doc = FountainDocument(parsing: "INT. PIER - NIGHT\n\nVera waits.\n\n/*\n" + hidden + "\n*/\n\nMarlowe arrives.\n")
        let boneyard = try #require(doc.elements.first { $0.kind == .boneyard })
        #expect(boneyard.lines.count == 42)
        // Plain typing inside stays hidden; a lone `*` or `/` is no marker; a
        // closer typed mid-boneyard ends it there (and the old `*/` then closes nothing).
        for (line, text) in [(10, "Cut line 6 of the new ending."), (11, "a * b / c"), (30, ""), (12, "Ends here */ Vera runs.")] {
            doc.replaceLines(line..<(line + 1), with: [text])
            let full = FountainDocument(parsing: doc.sourceString)
            #expect(doc.elements == full.elements, "after line \(line) := \(text)")
            #expect(doc.lastCloser == full.lastCloser)
        }
        #expect(doc.elements.contains { $0.kind == .action && $0.text.contains("Vera runs.") }, "the new closer shows what follows it")
    }

    @Test func replacingLinesLeavesTheOriginalAlone() {
        let doc = FountainDocument(parsing: "INT. A - DAY\n\nJOHN\nHi.\n")
        let edited = doc.replacingLines(3..<4, with: ["Hello.", "", "MARY", "Hey."])
        #expect(doc.elements.map(\.text) == ["INT. A - DAY", "JOHN", "Hi."])
        #expect(edited.elements.map(\.text) == ["INT. A - DAY", "JOHN", "Hello.", "MARY", "Hey."])
        #expect(edited.sourceString == "INT. A - DAY\n\nJOHN\nHello.\n\nMARY\nHey.\n")
    }

    @Test func deletingEverythingLeavesOneEmptyLine() {
        var doc = FountainDocument(parsing: "A\nB\n")
        doc.replaceLines(0..<doc.source.lineCount, with: [])
        #expect(doc.source.lineCount == 1)
        #expect(doc.bytes.isEmpty)
        #expect(doc.elements.isEmpty)
    }
}
