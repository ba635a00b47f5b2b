import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Fountain

/// FDX output parsed back as XML: well-formed, with the paragraph types,
/// styles and structures reference/screenplay-layout.md names.
@Suite struct FDXExportTests {
    static let script = """
        Title: **Salt** & _Line_
        	a <mystery>
        Author: Ada "Quill" O'Neil
        Contact:
        	1 Pier Road

        # Act One

        = The boat comes back empty.

        INT. HARBOUR OFFICE - NIGHT #12A#

        = Nell reads the ledger.

        Nell reads *the* **ledger** & _waits_ for ***dawn*** [[check tide]].

        .FLASHBACK

        NELL (V.O.)
        (quietly)
        Four men < five.

        CAL
        No.

        TOMAS ^
        Yes.

        ~Haul it in

        >THE END<

        CUT TO:

        [[A standalone note.]]

        ===

        !FADE OUT.

        """

    func fdx(_ text: String = script) throws -> XMLDocument {
        let xml = FDXExporter.render(FountainDocument(parsing: text))
        return try XMLDocument(data: Data(xml.utf8))
    }

    func nodes(_ doc: XMLDocument, _ xpath: String) throws -> [XMLElement] {
        try doc.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    func text(_ element: XMLElement) -> String {
        (element.elements(forName: "Text")).map { $0.stringValue ?? "" }.joined()
    }

    @Test func isWellFormedWithFinalDraftRoot() throws {
        let doc = try fdx()
        let root = try #require(doc.rootElement())
        #expect(root.name == "FinalDraft")
        #expect(root.attribute(forName: "DocumentType")?.stringValue == "Script")
        #expect(root.attribute(forName: "Version")?.stringValue == "5")
        #expect(FDXExporter.render(FountainDocument(parsing: Self.script)).hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\""))
    }

    @Test func everyElementHasItsParagraphType() throws {
        let doc = try fdx()
        let types = try nodes(doc, "/FinalDraft/Content/Paragraph").compactMap { $0.attribute(forName: "Type")?.stringValue }
        for expected in ["Scene Heading", "Action", "Character", "Parenthetical", "Dialogue", "Lyrics", "Transition"] {
            #expect(types.contains(expected), "missing \(expected)")
        }
        let heading = try #require(try nodes(doc, "/FinalDraft/Content/Paragraph[@Type='Scene Heading']").first)
        #expect(heading.attribute(forName: "Number")?.stringValue == "12A")
        #expect(text(heading) == "INT. HARBOUR OFFICE - NIGHT")
        let forced = try nodes(doc, "/FinalDraft/Content/Paragraph[@Type='Scene Heading']").map(text)
        #expect(forced.contains("FLASHBACK"))
        let cue = try nodes(doc, "/FinalDraft/Content/Paragraph[@Type='Character']").map(text)
        #expect(cue.first == "NELL (V.O.)")
        #expect(try nodes(doc, "/FinalDraft/Content/Paragraph[@Type='Dialogue']").map(text).contains("Four men < five."))
        #expect(try nodes(doc, "/FinalDraft/Content/Paragraph[@Type='Transition']").map(text).contains("CUT TO:"))
        // A forced action that looks like a transition stays action.
        #expect(try nodes(doc, "/FinalDraft/Content/Paragraph[@Type='Action']").map(text).contains("FADE OUT."))
    }

    @Test func emphasisBecomesStyledRunsJoinedWithPlus() throws {
        let doc = try fdx()
        let action = try #require(try nodes(doc, "/FinalDraft/Content/Paragraph[@Type='Action']").first { text($0).hasPrefix("Nell reads") })
        let runs = action.elements(forName: "Text").map { ($0.stringValue ?? "", $0.attribute(forName: "Style")?.stringValue) }
        #expect(runs.contains { $0 == ("the", "Italic") })
        #expect(runs.contains { $0 == ("ledger", "Bold") })
        #expect(runs.contains { $0 == ("waits", "Underline") })
        #expect(runs.contains { $0 == ("dawn", "Bold+Italic") })
        #expect(runs.first?.1 == nil)  // plain runs carry no Style
        #expect(text(action) == "Nell reads the ledger & waits for dawn.")
        // The inline note is a ScriptNote, not printed text.
        let note = try #require(action.elements(forName: "ScriptNote").first)
        #expect(note.stringValue?.contains("check tide") == true)
    }

    @Test func centredTextHasCenterAlignment() throws {
        let centred = try nodes(try fdx(), "/FinalDraft/Content/Paragraph[@Alignment='Center']")
        #expect(centred.map(text) == ["THE END"])
        #expect(centred.first?.attribute(forName: "Type")?.stringValue == "Action")
    }

    @Test func dualDialogueHoldsBothSpeakers() throws {
        let dual = try #require(try nodes(try fdx(), "/FinalDraft/Content/Paragraph/DualDialogue").first)
        let inner = dual.elements(forName: "Paragraph")
        #expect(inner.map { $0.attribute(forName: "Type")?.stringValue ?? "" } == ["Character", "Dialogue", "Character", "Dialogue"])
        #expect(inner.map(text) == ["CAL", "No.", "TOMAS", "Yes."])
    }

    @Test func synopsesAreSceneSummariesAndNotesAreScriptNotes() throws {
        let doc = try fdx()
        let summaries = try nodes(doc, "/FinalDraft/Content/Paragraph[@Type='Scene Heading']/SceneProperties/Summary/Paragraph")
        #expect(summaries.map(text) == ["The boat comes back empty.", "Nell reads the ledger."])
        let notes = try nodes(doc, "//ScriptNote")
        #expect(notes.contains { $0.stringValue?.contains("A standalone note.") == true })
        // Sections have no FDX type and are left out.
        let everything = doc.rootElement()?.stringValue ?? ""
        #expect(everything.contains("Act One") == false)
    }

    @Test func pageBreakStartsTheNextParagraphOnANewPage() throws {
        let after = try nodes(try fdx(), "/FinalDraft/Content/Paragraph[@StartsNewPage='Yes']")
        #expect(after.map(text) == ["FADE OUT."])
    }

    @Test func pageBreakBeforeDualDialogueMarksThePair() throws {
        let doc = try fdx("A.\n\n===\n\nCAL\nNo.\n\nTOMAS ^\nYes.\n")
        let marked = try nodes(doc, "//Paragraph[@StartsNewPage='Yes']")
        #expect(marked.count == 1)
        #expect(marked.first?.elements(forName: "DualDialogue").count == 1)
    }

    @Test func titlePageIsCentredAndLeftAlignedParagraphs() throws {
        let doc = try fdx()
        let paragraphs = try nodes(doc, "/FinalDraft/TitlePage/Content/Paragraph")
        let centred = paragraphs.filter { $0.attribute(forName: "Alignment")?.stringValue == "Center" }.map(text).filter { !$0.isEmpty }
        #expect(centred == ["Salt & Line", "a <mystery>", "Ada \"Quill\" O'Neil"])
        let left = paragraphs.filter { $0.attribute(forName: "Alignment")?.stringValue == "Left" }.map(text).filter { !$0.isEmpty }
        #expect(left == ["1 Pier Road"])
        let titleRuns = try #require(paragraphs.first).elements(forName: "Text")
        #expect(titleRuns.first?.attribute(forName: "Style")?.stringValue == "Bold")
    }

    @Test func controlCharactersAreDroppedSoTheXMLStaysValid() throws {
        let doc = try fdx("INT. ROOM - DAY\n\nA bell\u{07} rings.\n")
        #expect(try nodes(doc, "//Paragraph[@Type='Action']").map(text) == ["A bell rings."])
    }
}
