import Testing
@testable import Provenance

/// The writer rule of `ScriptOrigins.replace`, on a text model kept beside
/// the origins. Notation: `{…}` ai, `<…>` ai-edited, bare text human.
@Suite struct ScriptOriginsTests {
    /// Text and origins from notation.
    static func parse(_ marked: String) -> (lines: [String], origins: ScriptOrigins) {
        var lines: [String] = []
        var spans: [OriginSpans] = []
        for markedLine in marked.split(separator: "\n", omittingEmptySubsequences: false) {
            var text = ""
            var current = OriginSpans()
            var origin = Origin.human
            for character in markedLine {
                switch character {
                case "{": origin = .ai
                case "<": origin = .aiEdited
                case "}", ">": origin = .human
                default:
                    let start = text.utf8.count
                    text.append(character)
                    current.append(OriginSpan(bytes: start..<text.utf8.count, origin: origin))
                }
            }
            lines.append(text)
            spans.append(current)
        }
        return (lines, ScriptOrigins(lines: spans))
    }

    static func render(_ lines: [String], _ origins: ScriptOrigins) -> String {
        zip(lines, origins.lines).map { line, spans in
            let characters = Array(line)
            return spans.runs(in: line).map { run in
                let text = String(characters[run.columns])
                switch run.origin {
                case .human: return text
                case .ai: return "{" + text + "}"
                case .aiEdited: return "<" + text + ">"
                }
            }.joined()
        }.joined(separator: "\n")
    }

    /// Replaces the text between two "|" marks (or inserts at one) in `before`
    /// with `inserted` by the writer, and renders the result.
    static func writerEdit(_ before: String, _ inserted: String, origins insertion: ScriptOrigins.Insertion = .writer) -> String {
        // Find the edit range in plain-text coordinates.
        var marks: [(line: Int, byte: Int)] = []
        var line = 0, byte = 0
        var notation = ""
        for character in before {
            if character == "|" { marks.append((line, byte)); continue }
            notation.append(character)
            if "{}<>".contains(character) { continue }
            if character == "\n" { line += 1; byte = 0 } else { byte += character.utf8.count }
        }
        let start = marks[0], end = marks.count > 1 ? marks[1] : marks[0]
        var (lines, origins) = parse(notation)
        let text = lines.joined(separator: "\n")
        let allLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Removed text.
        var removed = ""
        if start.line == end.line {
            removed = String(decoding: Array(allLines[start.line].utf8)[start.byte..<end.byte], as: UTF8.self)
        } else {
            removed = String(decoding: Array(allLines[start.line].utf8)[start.byte...], as: UTF8.self)
            for middle in (start.line + 1)..<end.line { removed += "\n" + allLines[middle] }
            removed += "\n" + String(decoding: Array(allLines[end.line].utf8)[..<end.byte], as: UTF8.self)
        }
        origins.replace(startLine: start.line, startByte: start.byte, endLine: end.line, endByte: end.byte,
                        removed: removed, inserted: inserted, origins: insertion)
        let prefix = String(decoding: Array(allLines[start.line].utf8)[..<start.byte], as: UTF8.self)
        let suffix = String(decoding: Array(allLines[end.line].utf8)[end.byte...], as: UTF8.self)
        let newLines = (prefix + inserted + suffix).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines = Array(allLines[..<start.line]) + newLines + Array(allLines[(end.line + 1)...])
        return render(lines, origins)
    }

    @Test func typingInsideAnAIRunEditsTheWholeRunOnThatLine() {
        #expect(Self.writerEdit("{Vera |lies.}", "never ") == "<Vera >never <lies.>")
    }

    @Test func typingAtTheEdgeOfAnAIRunLeavesItAI() {
        #expect(Self.writerEdit("{Vera lies.}|", " Badly.") == "{Vera lies.} Badly.")
        #expect(Self.writerEdit("|{Vera lies.}", "And ") == "And {Vera lies.}")
    }

    @Test func deletingFromAnAIRunEditsIt() {
        #expect(Self.writerEdit("{Vera |never |lies.}", "") == "<Vera lies.>")
        #expect(Self.writerEdit("{Vera lies|.}|", "") == "<Vera lies>")
    }

    @Test func rewritingAIWordsMakesThemAIEditedAndKeepsTheRest() {
        #expect(Self.writerEdit("{Vera |lies| to him.}", "lied") == "<Vera lied to him.>")
        // A human word rewritten stays human and leaves the AI run alone.
        #expect(Self.writerEdit("Then |she| {smiles.}", "Vera") == "Then Vera {smiles.}")
    }

    @Test func aRewriteKeepsTheUnchangedStartAndEnd() {
        // Element flow turns a line upper case: the changed middle replaced AI text.
        #expect(Self.writerEdit("|{vera}|", "VERA") == "<VERA>")
        #expect(Self.writerEdit("|Vera {nods.}|", "Vera nods!") == "Vera <nods!>")
    }

    @Test func deletingAWholeAILineLeavesTheNextOneAI() {
        #expect(Self.writerEdit("human\n|{first}\n|{second}", "") == "human\n{second}")
    }

    @Test func joiningAndSplittingLines() {
        // Joining two AI lines (deleting the newline) cuts no run.
        #expect(Self.writerEdit("{one}|\n|{two}", "") == "{onetwo}")
        // Enter inside an AI run splits it: both halves were edited.
        #expect(Self.writerEdit("{one |two}", "\n") == "<one >\n<two>")
        // Enter at the end of AI text: the new line is human.
        #expect(Self.writerEdit("{one}|", "\nthree") == "{one}\nthree")
    }

    @Test func markedTextKeepsItsOriginsAndTheNeighbours() {
        let suggestion = OriginSpans(.ai, over: "nods.\nVERA")
        #expect(Self.writerEdit("Marlowe |", "nods.\nVERA", origins: .marked(suggestion)) == "Marlowe {nods.}\n{VERA}")
        #expect(Self.writerEdit("{Vera |lies.}", "x", origins: .marked(OriginSpans(.ai, over: "x"))) == "{Vera xlies.}")
    }

    @Test func writerTextOverASelectionHoldingAIIsAIEdited() {
        #expect(Self.writerEdit("he|re\n{AI line}\nth|ere", "X") == "he<X>ere")
    }
}
