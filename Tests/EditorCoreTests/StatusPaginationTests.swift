import Fountain
import Testing
@testable import EditorCore

/// The status bar's pages are the exported pages (the same page map as
/// `intercut stats` and the PDF), kept current across edits: at once for a
/// short script, at the next pause for a long one.
@Suite struct StatusPaginationTests {
    /// `count` scenes of a heading, action and a speech: about 2.5 scenes a page.
    static func script(scenes count: Int) -> String {
        (1...count).map { n in
            "INT. ROOM \(n) - NIGHT\n\nVera crosses to the window and looks down at the harbour, where the tide has turned.\n\n"
                + "VERA\nThey will come at dawn, and we will not be here. Pack only what you can carry.\n\n"
                + "OWEN\n(quietly)\nAnd the charts?\n"
        }.joined(separator: "\n")
    }

    static let twoPages = String(repeating: "Gulls wheel over the harbour wall. ", count: 200) + "\n\n"

    static func exported(_ editor: Editor) -> [Int] {
        FountainDocument(parsing: editor.currentText()).pageMap().pageStartLines()
    }

    @Test func aLongScriptShowsTheExportedPageCountAndPageStarts() {
        let editor = EditorNotation.editor("|" + Self.script(scenes: 400), width: 100, height: 40)
        let starts = Self.exported(editor)
        #expect(starts.count >= 100)
        #expect(editor.statusInfo().pageCount == starts.count)
        #expect(editor.pagination().pageStarts == starts)
        #expect(editor.statusInfo().page == 1)
        EditorNotation.run(editor, "<C-end>")
        #expect(editor.statusInfo().page == starts.count)
    }

    @Test func aLongScriptCatchesUpWhenTheWriterPauses() {
        let editor = EditorNotation.editor("|" + Self.script(scenes: 400), width: 100, height: 40)
        #expect(editor.documentBytes.count > PaginationTracker.synchronousLimit)
        let before = editor.statusInfo().pageCount
        // Two more pages of action at the top: the edit does not repaginate...
        _ = editor.handle(.paste(Self.twoPages))
        _ = editor.render(width: 100, height: 40)
        #expect(editor.paginationTracker.isStale)
        #expect(editor.statusInfo().pageCount == before)
        // ...the pause does, to exactly the exported pages.
        #expect(editor.repaginateIfStale())
        #expect(!editor.repaginateIfStale())
        #expect(editor.pagination().pageStarts == Self.exported(editor))
        #expect(editor.statusInfo().pageCount > before)
    }

    @Test func aShortScriptIsExactAfterEveryEdit() {
        let editor = EditorNotation.editor("|" + Self.script(scenes: 12), width: 100, height: 40)
        #expect(editor.documentBytes.count <= PaginationTracker.synchronousLimit)
        let before = editor.statusInfo().pageCount
        _ = editor.handle(.paste(Self.twoPages))
        #expect(editor.pagination().pageStarts == Self.exported(editor))
        #expect(editor.statusInfo().pageCount > before)
    }

    @Test func pageStartsMoveWithTheTextUntilRepaginated() {
        var pagination = Pagination(FountainDocument(parsing: Self.script(scenes: 30)))
        let starts = pagination.pageStarts
        #expect(starts.count >= 3)
        pagination.linesReplaced(first: 0, removed: 0, inserted: 5)
        #expect(pagination.pageStarts == [0] + starts.dropFirst().map { $0 + 5 })
        // Lines removed around a page start: it moves to where the removal was.
        let second = starts[1]
        pagination.linesReplaced(first: second + 5 - 2, removed: 4, inserted: 1)
        #expect(pagination.pageStarts[1] == second + 3)
        #expect(pagination.pageStarts[2] == starts[2] + 5 - 3)
    }
}
