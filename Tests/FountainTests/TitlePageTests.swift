import Testing
@testable import Fountain

struct TitlePageTests {
    @Test func keysValuesAndMultiLineValues() {
        let doc = FountainDocument(parsing: """
            Title:
                _**BRICK & STEEL**_
                _**FULL RETIRED**_
            Credit: Written by
            Authors: Stu Maschwitz
            Draft date: 1/20/2012
            Contact:
            \tNext Level Productions
            \t1588 Mission Dr.

            INT. HOUSE - DAY
            """)
        #expect(doc.titlePage.map(\.key) == ["Title", "Credit", "Authors", "Draft date", "Contact"])
        #expect(doc.titlePage[0].value == "_**BRICK & STEEL**_\n_**FULL RETIRED**_")
        #expect(doc.titlePage[0].lines == 0..<3)
        #expect(doc.titlePage[4].value == "Next Level Productions\n1588 Mission Dr.")
        #expect(doc.elements.map(\.kind) == [.sceneHeading(sceneNumber: nil)])
        #expect(doc.elements[0].lineNumber == 11)
    }

    @Test func unknownKeysAreKept() {
        let doc = FountainDocument(parsing: "Title: X\nRevision color: Blue\n\nAction.")
        #expect(doc.titlePage.map(\.key) == ["Title", "Revision color"])
        #expect(doc.titlePage[1].value == "Blue")
    }

    @Test func onlyAtTheTopOfTheFile() {
        let doc = FountainDocument(parsing: "Action.\n\nTitle: Not a title page\n")
        #expect(doc.titlePage.isEmpty)
        #expect(doc.elements.count == 2)
    }

    @Test func transitionAloneIsNotATitlePage() {
        let doc = FountainDocument(parsing: "CUT TO:\n\nINT. BEDROOM\n")
        #expect(doc.titlePage.isEmpty)
        #expect(doc.elements.first?.kind == .transition)
    }

    @Test func sceneHeadingWithColonIsNotAKey() {
        #expect(FountainDocument(parsing: "INT. HOUSE: NIGHT\n\nX.").titlePage.isEmpty)
    }

    @Test func titlePageOnly() {
        let doc = FountainDocument(parsing: "Title: Only\nAuthor: Me")
        #expect(doc.titlePage.count == 2)
        #expect(doc.elements.isEmpty)
    }
}
