import Testing
@testable import Fountain

/// `layout(notes: true)`: the --notes option of the PDF export, added to the
/// Layout code for it.
@Suite struct LayoutNotesTests {
    private let script = """
        INT. VAULT - NIGHT

        Marlowe kneels [[check the dial model]] at the dial.

        [[A note on its own.
          
        Second paragraph of it.]]

        VERA
        Quiet. [[too short?]]

        """

    private func texts(_ layout: ScreenplayLayout) -> [String] {
        layout.pages.flatMap(\.lines).map(\.text)
    }

    @Test func notesAreHiddenByDefault() {
        let lines = texts(FountainDocument(parsing: script).layout())
        #expect(lines.contains("Marlowe kneels at the dial."))
        #expect(!lines.joined().contains("[["))
        #expect(!lines.joined().contains("note"))
    }

    @Test func notesPrintInPlaceInItalicsWhenAsked() throws {
        let layout = FountainDocument(parsing: script).layout(notes: true)
        let lines = texts(layout)
        #expect(lines.contains("Marlowe kneels [[check the dial model]] at the dial."))
        #expect(lines.contains("Quiet. [[too short?]]"))
        #expect(lines.contains("[[A note on its own."))
        #expect(lines.contains("Second paragraph of it.]]"))
        let inline = try #require(layout.pages.flatMap(\.lines).first { $0.text.hasPrefix("Marlowe") })
        #expect(inline.runs.first { $0.text.contains("check") }?.style.contains(.italic) == true)
        #expect(inline.runs.first { $0.text.contains("Marlowe") }?.style.contains(.italic) == false)
    }
}
