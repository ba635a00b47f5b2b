import Testing
@testable import Fountain

/// The normalizing writer: canonical layout that parses to the same elements.
struct NormalizeTests {
    /// What must survive normalizing: kinds, texts, dual sides, title page.
    func essence(_ doc: FountainDocument) -> [String] {
        doc.titlePage.map { "T:\($0.key)=\($0.value)" } +
            doc.elements.map { "\($0.kind):\($0.text):\(String(describing: $0.dual))" }
    }

    @Test func canonicalLayout() {
        let doc = FountainDocument(parsing: "Title:   The Test\r\n\r\n\r\n\r\n   INT. HOUSE - DAY   \r\n\r\n\r\nHe waits.\r\n\r\n   JOHN\r\n   (beat)   \r\n   Hi.\r\n\r\n\r\n")
        #expect(doc.normalized() == "Title: The Test\n\nINT. HOUSE - DAY\n\nHe waits.\n\nJOHN\n(beat)\nHi.\n")
    }

    @Test func forcingMarkersOnlyWhereNeeded() {
        let doc = FountainDocument(parsing: ".INT. HOUSE - DAY\n\n!He waits.\n\n@JOHN\nHi.\n\n>CUT TO:\n\n.flashback\n\n!CUT TO:\n\n@McCLANE\nYes.\n\n>fade out\n")
        #expect(doc.normalized() == "INT. HOUSE - DAY\n\nHe waits.\n\nJOHN\nHi.\n\nCUT TO:\n\n.flashback\n\n!CUT TO:\n\n@McCLANE\nYes.\n\n>fade out\n")
    }

    @Test func splitParagraphsGetMarkersToKeepTheirKind() {
        // After the forced heading, "JOHN\nHello." is action; alone it would be a cue.
        let doc = FountainDocument(parsing: ".FLASHBACK\nJOHN\nHello.\n")
        let out = doc.normalized()
        #expect(out == "FLASHBACK\n\n!JOHN\nHello.\n" || out == ".FLASHBACK\n\n!JOHN\nHello.\n")
        #expect(essence(FountainDocument(parsing: out)) == essence(doc))
    }

    @Test func boneyardAndNotesAreKept() {
        let doc = FountainDocument(parsing: "He /* cut */ waits [[why?]].\n\n/*\nold scene\n*/\n")
        let out = doc.normalized()
        #expect(out.contains("/* cut */"))
        #expect(out.contains("[[why?]]"))
        #expect(out.contains("old scene"))
    }

    @Test func normalizedIsStable() {
        var rng = SeededRandom(seed: 7)
        for _ in 0..<300 {
            let doc = FountainDocument(parsing: String(decoding: ScriptGenerator.script(&rng, lines: 30), as: UTF8.self))
            let once = doc.normalized()
            #expect(FountainDocument(parsing: once).normalized() == once)
        }
    }

    @Test func normalizeThenParseGivesTheSameElements() {
        var rng = SeededRandom(seed: 3)
        for _ in 0..<1500 {
            let bytes = ScriptGenerator.script(&rng, lines: Int(rng.next() % 50))
            let doc = FountainDocument(parsing: String(decoding: bytes, as: UTF8.self))
            let again = FountainDocument(parsing: doc.normalized())
            #expect(essence(again) == essence(doc), "source: \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if essence(again) != essence(doc) { return }
        }
    }
}
