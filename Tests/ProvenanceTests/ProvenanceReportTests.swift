import Fountain
import Testing
@testable import Provenance

/// A short script with known origins, shared by the report and annotation tests.
enum SampleScript {
    static let text = """
        Title: The Quiet Dial

        INT. VAULT - NIGHT #1#

        Marlowe kneels at the dial. [[keep this]]

        MARLOWE
        (whispering)
        Two more turns.

        Vera holds the torch.

        CUT TO:

        EXT. HARBOUR - DAWN

        The van idles. Gulls.

        > THE END <
        """

    static var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// 0-based lines: 4 action (ai, note excluded), 6 cue (ai), 7 parenthetical (ai),
    /// 8 dialogue ("Two more" ai, " turns." human: the line is ai-edited), 2 heading (ai),
    /// 12 transition (ai), 16 action (edited), 18 centered (ai).
    static var origins: ScriptOrigins {
        let lines = self.lines
        var spans = Array(repeating: OriginSpans(), count: lines.count)
        for index in [2, 4, 6, 7, 12, 18] { spans[index] = OriginSpans(.ai, over: lines[index]) }
        spans[8] = OriginSpans([OriginSpan(bytes: 0..<8, origin: .ai)])
        spans[16] = OriginSpans(.aiEdited, over: lines[16])
        return ScriptOrigins(lines: spans)
    }
}

@Suite struct ProvenanceReportTests {
    @Test func countsLinesAndWordsByOriginPerSceneAndInTotal() throws {
        let document = FountainDocument(parsing: SampleScript.text)
        let report = ProvenanceReport(document: document, origins: SampleScript.origins)
        #expect(report.scenes.map(\.heading) == ["INT. VAULT - NIGHT", "EXT. HARBOUR - DAWN"])
        #expect(report.scenes.map(\.line) == [3, 15])
        let vault = report.scenes[0].counts
        // Heading, action, cue, parenthetical, dialogue, action, transition: 7 lines.
        #expect(vault.lines == 7)
        #expect(vault.aiLines == 5)           // heading, action, cue, parenthetical, transition
        #expect(vault.aiEditedLines == 1)     // "Two more turns." mixes ai and human
        #expect(vault.humanLines == 1)        // "Vera holds the torch."
        // Words: heading 3 ("-" is no word, the scene number is hidden), action 5 (the note
        // is hidden), cue 1, parenthetical 1, dialogue 3, action 4, transition 2.
        #expect(vault.words == 19)
        #expect(vault.aiWords == 3 + 5 + 1 + 1 + 2 + 2)   // "turns." was typed by the writer
        #expect(vault.aiEditedWords == 0)
        #expect(vault.humanWords == 5)
        let harbour = report.scenes[1].counts
        #expect(harbour.lines == 3 && harbour.aiEditedLines == 1 && harbour.aiLines == 1)
        #expect(report.total.lines == vault.lines + harbour.lines)
        #expect(report.total.words == ScriptStatistics(document).words)
    }

    @Test func noOriginsMeansAllHuman() {
        let document = FountainDocument(parsing: SampleScript.text)
        let report = ProvenanceReport(document: document, origins: ScriptOrigins(lineCount: SampleScript.lines.count))
        #expect(report.total.aiLines == 0 && report.total.aiEditedWords == 0)
        #expect(report.total.humanLines == report.total.lines && report.total.lines == 10)
    }
}

@Suite struct AIAnnotatorTests {
    static func annotated() -> String {
        String(decoding: AIAnnotator.annotate(FountainDocument(parsing: SampleScript.text), origins: SampleScript.origins), as: UTF8.self)
    }

    @Test func notesGoWhereTheParserKeepsTheElement() {
        let lines = Self.annotated().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[2] == "INT. VAULT - NIGHT [[AI]] #1#")
        #expect(lines[4] == "Marlowe kneels at the dial. [[keep this]] [[AI]]")
        #expect(lines[6] == "MARLOWE")                       // a cue takes no note
        #expect(lines[7] == "(whispering [[AI]])")
        #expect(lines[8] == "Two more turns. [[AI-edited]]")
        #expect(lines[10] == "Vera holds the torch.")          // human
        #expect(lines[12] == "CUT TO:")                       // an unforced transition takes none
        #expect(lines[16] == "The van idles. Gulls. [[AI-edited]]")
        #expect(lines[18] == "> THE END [[AI]]<")
        #expect(lines.count == SampleScript.lines.count)
    }

    @Test func theAnnotatedScriptParsesToTheSameElementsPlusNotes() {
        let plain = FountainDocument(parsing: SampleScript.text)
        let annotated = FountainDocument(parsing: Self.annotated())
        #expect(annotated.elements.map(\.kind) == plain.elements.map(\.kind))
        #expect(annotated.titlePage == plain.titlePage)
        for (a, p) in zip(annotated.elements, plain.elements) {
            let stripped = a.text.replacingOccurrences(of: " [[AI]]", with: "").replacingOccurrences(of: " [[AI-edited]]", with: "")
            #expect(stripped == p.text)
            #expect(a.lines == p.lines)
        }
        // And it prints the same: the notes are inline notes.
        #expect(ScriptStatistics(annotated).words == ScriptStatistics(plain).words)
    }

    @Test func keepsLineEndingsAndBOMAndLeavesAllHumanScriptsByteIdentical() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("INT. A - DAY\r\n\r\nShe waits.\r\n".utf8)
        let document = try FountainDocument(bytes: bytes)
        #expect(AIAnnotator.annotate(document, origins: ScriptOrigins(lineCount: document.source.lineCount)) == bytes)
        var spans = Array(repeating: OriginSpans(), count: document.source.lineCount)
        spans[2] = OriginSpans(.ai, over: "She waits.")
        let out = AIAnnotator.annotate(document, origins: ScriptOrigins(lines: spans))
        #expect(out == [0xEF, 0xBB, 0xBF] + Array("INT. A - DAY\r\n\r\nShe waits. [[AI]]\r\n".utf8))
    }
}
