import Foundation
import Testing
@testable import Provenance

@Suite struct ProvenanceSidecarTests {
    static let lines = ["INT. VAULT - NIGHT", "", "Marlowe kneels at the dial.", "", "VERA", "Zoë says two more turns."]

    static func origins() -> ScriptOrigins {
        var spans = Array(repeating: OriginSpans(), count: lines.count)
        spans[2] = OriginSpans([OriginSpan(bytes: 8..<27, origin: .ai)])
        spans[5] = OriginSpans([OriginSpan(bytes: 0..<9, origin: .aiEdited), OriginSpan(bytes: 9..<25, origin: .ai)])
        return ScriptOrigins(lines: spans)
    }

    @Test func roundTripsExactly() throws {
        let sidecar = ProvenanceSidecar(lines: Self.lines, origins: Self.origins())
        let read = try ProvenanceSidecar(data: sidecar.encoded())
        #expect(read == sidecar)
        let restored = read.origins(for: Self.lines)
        #expect(restored.isExact)
        #expect(restored.origins == Self.origins())
    }

    @Test func awkwardTextRoundTrips() throws {
        let lines = ["He says \"no\" \\ twice", "tab\there \u{1}\u{1F}", "Zoë 👍🏽 日本", ""]
        let spans = lines.map { OriginSpans(.ai, over: $0) }
        let sidecar = ProvenanceSidecar(lines: lines, origins: ScriptOrigins(lines: spans))
        let data = sidecar.encoded()
        #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
        #expect(try ProvenanceSidecar(data: data) == sidecar)
        let empty = ProvenanceSidecar(lines: [], origins: ScriptOrigins(lineCount: 0))
        #expect(try ProvenanceSidecar(data: empty.encoded()).origins(for: [""]).origins.isAllHuman)
    }

    @Test func theFileListsOnlyMarkedLinesWithTheirTextAndOneHashPerLine() throws {
        let data = ProvenanceSidecar(lines: Self.lines, origins: Self.origins()).encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["format"] as? String == "intercut-provenance")
        #expect(object["version"] as? Int == 1)
        #expect(object["line_count"] as? Int == 6)
        #expect((object["line_hashes"] as? [String])?.count == 6)
        let marked = try #require(object["lines"] as? [[String: Any]])
        #expect(marked.map { $0["line"] as? Int } == [3, 6])
        #expect(marked[0]["text"] as? String == "Marlowe kneels at the dial.")
        let spans = try #require(marked[1]["spans"] as? [[String: Any]])
        #expect(spans.map { $0["origin"] as? String } == ["ai-edited", "ai"])
    }

    @Test(arguments: [
        ("{", "not a provenance sidecar"),
        (#"{"format":"other","version":1,"line_count":0,"line_hashes":[],"lines":[]}"#, "format is 'other'"),
        (#"{"format":"intercut-provenance","version":1,"line_count":2,"line_hashes":["0000000000000000"],"lines":[]}"#, "line_count 2 but 1"),
        (#"{"format":"intercut-provenance","version":1,"line_count":1,"line_hashes":["zz"],"lines":[]}"#, "not 16 hex digits"),
        (#"{"format":"intercut-provenance","version":1,"line_count":1,"line_hashes":["0000000000000000"],"lines":[{"line":1,"text":"x","spans":[]}]}"#, "does not match its hash"),
        (#"{"format":"intercut-provenance","version":1,"line_count":1,"line_hashes":["af63dc4c8601ec8c"],"lines":[{"line":1,"text":"a","spans":[{"start":0,"end":5,"origin":"ai"}]}]}"#, "outside the line"),
        (#"{"format":"intercut-provenance","version":1,"line_count":1,"line_hashes":["af63dc4c8601ec8c"],"lines":[{"line":1,"text":"a","spans":[{"start":0,"end":1,"origin":"robot"}]}]}"#, "not a provenance sidecar"),
        (#"{"format":"intercut-provenance","version":1,"line_count":1,"line_hashes":["af63dc4c8601ec8c"],"lines":[{"line":4,"text":"a","spans":[]}]}"#, "outside 1...1"),
    ])
    func corruptFilesAreOneLineErrors(json: String, expected: String) {
        #expect(LineHash.hex(LineHash.of("a")) == "af63dc4c8601ec8c")
        do {
            _ = try ProvenanceSidecar(data: Data(json.utf8))
            Issue.record("accepted a corrupt sidecar")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func newerVersionsAreRefused() {
        let json = #"{"format":"intercut-provenance","version":2,"line_count":0,"line_hashes":[],"lines":[]}"#
        #expect(throws: ProvenanceSidecarError.unsupportedVersion(2)) { try ProvenanceSidecar(data: Data(json.utf8)) }
    }

    @Test func pathIsAHiddenFolderBesideTheScript() {
        #expect(ProvenanceSidecar.path(forScript: "/a/b/heist.fountain") == "/a/b/.heist.fountain.intercut/provenance.json")
        #expect(ProvenanceSidecar.path(forScript: "heist.fountain") == "./.heist.fountain.intercut/provenance.json")
    }
}

@Suite struct ReanchoringTests {
    static let saved = ["INT. VAULT - NIGHT", "", "Marlowe kneels.", "", "VERA", "Two more turns.", "", "The dial clicks."]

    /// Lines 2 ("Marlowe kneels.") and 5 ("Two more turns.") are AI.
    static func sidecar() -> ProvenanceSidecar {
        var spans = Array(repeating: OriginSpans(), count: saved.count)
        spans[2] = OriginSpans(.ai, over: saved[2])
        spans[5] = OriginSpans(.ai, over: saved[5])
        return ProvenanceSidecar(lines: saved, origins: ScriptOrigins(lines: spans))
    }

    static func aiLines(_ result: Reanchoring, _ lines: [String]) -> [String: Origin] {
        var found: [String: Origin] = [:]
        for (index, line) in lines.enumerated() where !result.origins[index].isAllHuman {
            found[line] = result.origins[index].spans.contains { $0.origin == .aiEdited } ? .aiEdited : .ai
        }
        return found
    }

    @Test func insertedLinesShiftOriginsAndAreHuman() {
        let now = ["Title: Heist", "", "INT. VAULT - NIGHT", "", "Marlowe kneels.", "", "New human line.", "VERA", "Two more turns.", "", "The dial clicks."]
        let result = Self.sidecar().origins(for: now)
        #expect(!result.isExact)
        #expect(Self.aiLines(result, now) == ["Marlowe kneels.": .ai, "Two more turns.": .ai])
        #expect(result.changedLines == 0 && result.droppedLines == 0)
    }

    @Test func deletedLinesTakeTheirOriginsAlong() {
        let now = ["INT. VAULT - NIGHT", "", "VERA", "Two more turns.", "", "The dial clicks."]
        let result = Self.sidecar().origins(for: now)
        #expect(Self.aiLines(result, now) == ["Two more turns.": .ai])
        #expect(result.droppedLines == 1)
    }

    @Test func changedAILinesBecomeAIEditedAndHumanChangesStayHuman() {
        let now = ["INT. VAULT - NIGHT", "", "Marlowe kneels slowly.", "", "VERA", "Two more turns.", "", "The dial clicks twice."]
        let result = Self.sidecar().origins(for: now)
        #expect(Self.aiLines(result, now) == ["Marlowe kneels slowly.": .aiEdited, "Two more turns.": .ai])
        #expect(result.changedLines == 1)
        // The unchanged start kept its place: "Marlowe kneels" is still machine text, " slowly" human... or edited.
        #expect(result.origins[2].origin(atByte: 0) == .aiEdited)
        #expect(result.origins[7].isAllHuman)
    }

    @Test func aLineAppendedToStaysCountedAsAIEdited() throws {
        let now = ["INT. VAULT - NIGHT", "", "Marlowe kneels. He waits.", "", "VERA", "Two more turns.", "", "The dial clicks."]
        let result = Self.sidecar().origins(for: now)
        let bytes = Array(now[2].utf8)
        #expect(OriginClassifier.origin(of: bytes, in: 0..<bytes.count, spans: result.origins[2]) == .aiEdited)
    }

    @Test func movedScenesKeepTheirOrigins() {
        let now = ["The dial clicks.", "", "VERA", "Two more turns.", "", "INT. VAULT - NIGHT", "", "Marlowe kneels."]
        let result = Self.sidecar().origins(for: now)
        #expect(Self.aiLines(result, now) == ["Marlowe kneels.": .ai, "Two more turns.": .ai])
    }

    @Test func aRewrittenScriptKeepsNoStaleMarks() {
        let now = (0..<50).map { "Line \($0) of something else entirely." }
        let result = Self.sidecar().origins(for: now)
        // Positional pairing in a hunk: old AI lines 2 and 5 map to new lines 2 and 5, all text changed.
        #expect(result.changedLines == 2)
        for index in now.indices where index != 2 && index != 5 { #expect(result.origins[index].isAllHuman) }
        #expect(result.origins[2].spans.allSatisfy { $0.origin == .aiEdited })
    }
}

@Suite struct LineDiffTests {
    @Test func matchesCommonLinesAndPairsHunks() {
        let old: [UInt64] = [1, 2, 3, 4, 5]
        let new: [UInt64] = [1, 9, 3, 4, 7, 8, 5]
        #expect(LineDiff.match(old: old, new: new) == [
            .same(old: 0), .changed(old: 1), .same(old: 2), .same(old: 3), .added, .added, .same(old: 4),
        ])
    }

    @Test func repeatedLinesAlignAroundUniqueAnchors() {
        // 0 = blank line, repeated; unique lines anchor the alignment.
        let old: [UInt64] = [10, 0, 11, 0, 12, 0, 13]
        let new: [UInt64] = [10, 0, 12, 0, 11, 0, 13]
        let matches = LineDiff.match(old: old, new: new)
        #expect(matches[0] == .same(old: 0))
        #expect(matches[6] == .same(old: 6))
        #expect(matches.filter { if case .same = $0 { true } else { false } }.count >= 5)
    }
}
