@testable import EditorCore
import Testing

@Suite("Rendering a scene at screenplay columns")
struct RenderTests {
    static let scene = """
    INT. VAULT - NIGHT

    Marlowe kneels at the *dial*.

    MARLOWE
    (whispering)
    Quiet. I'm listening.

    CUT TO:

    > THE END <
    """

    /// First non-blank cell of the row whose text contains `needle`.
    func column(of needle: String, in frame: Frame) -> (row: Int, column: Int)? {
        for row in 0..<frame.grid.height where frame.grid.text(ofRow: row).contains(needle) {
            let cells = frame.grid.row(row)
            var column = 0
            for cell in cells {
                if cell.text != " ", !cell.isContinuation { return (row, column) }
                column += 1
            }
        }
        return nil
    }

    @Test func elementsSitAtTheirPageColumns() throws {
        let editor = EditorNotation.editor(Self.scene, width: 80, height: 24)
        let frame = editor.render(width: 80, height: 24)
        // 80 cells, no pane: the 61-cell action column is centred at margin 9.
        let margin = 9
        #expect(try #require(column(of: "INT. VAULT", in: frame)).column == margin)
        #expect(try #require(column(of: "Marlowe kneels", in: frame)).column == margin)
        #expect(try #require(column(of: "MARLOWE", in: frame)).column == margin + 20)
        #expect(try #require(column(of: "(whispering)", in: frame)).column == margin + 15)
        #expect(try #require(column(of: "Quiet.", in: frame)).column == margin + 10)
        // Transition ends at the action column's right edge.
        #expect(try #require(column(of: "CUT TO:", in: frame)).column == margin + 61 - "CUT TO:".count)
        // Centred text is centred in the action column.
        let centred = try #require(column(of: "THE END", in: frame))
        #expect(centred.column == margin + (61 - "> THE END <".count) / 2)
    }

    @Test func stylesFollowTheElements() throws {
        let editor = EditorNotation.editor(Self.scene, width: 80, height: 24)
        let frame = editor.render(width: 80, height: 24)
        let heading = try #require(column(of: "INT. VAULT", in: frame))
        let headingCell = frame.grid[heading.row, heading.column]
        #expect(headingCell.role == .sceneHeading)
        #expect(headingCell.attributes.contains(.bold))
        let cue = try #require(column(of: "MARLOWE", in: frame))
        #expect(frame.grid[cue.row, cue.column].role == .character)
        let dialogue = try #require(column(of: "Quiet.", in: frame))
        #expect(frame.grid[dialogue.row, dialogue.column].role == .dialogue)
        // *dial*: the word italic, the markers dimmed.
        let action = try #require(column(of: "Marlowe kneels", in: frame))
        let text = frame.grid.text(ofRow: action.row)
        let star = text.distance(from: text.startIndex, to: text.firstIndex(of: "*")!)
        #expect(frame.grid[action.row, star].attributes.contains(.dim))
        #expect(frame.grid[action.row, star + 1].attributes.contains(.italic))
        #expect(!frame.grid[action.row, star + 1].attributes.contains(.dim))
    }

    @Test func dialogueWrapsAtItsOwnWidth() throws {
        let long = "MARLOWE\n" + String(repeating: "word ", count: 20)
        let editor = EditorNotation.editor(long, width: 80, height: 24)
        let frame = editor.render(width: 80, height: 24)
        let rows = (0..<frame.grid.height).filter { frame.grid.text(ofRow: $0).contains("word") }
        #expect(rows.count == 3) // 100 characters at 36 per row
        for row in rows {
            let text = frame.grid.text(ofRow: row)
            let first = text.distance(from: text.startIndex, to: text.firstIndex { $0 != " " }!)
            #expect(first == 19)
            #expect(text.trimmingCharacters(in: .whitespaces).count <= 36)
        }
    }

    @Test func narrowAreasScaleTheColumns() throws {
        let editor = EditorNotation.editor(Self.scene, width: 40, height: 24)
        let frame = editor.render(width: 40, height: 24)
        let geometry = PageGeometry(areaWidth: 40)
        #expect(geometry.actionWidth == 38)
        let cue = try #require(column(of: "MARLOWE", in: frame)).column
        let dialogue = try #require(column(of: "Quiet.", in: frame)).column
        let action = try #require(column(of: "Marlowe kneels", in: frame)).column
        #expect(action < dialogue && dialogue < cue)
        #expect(cue == 1 + 20 * 38 / 61)
    }

    @Test func paneShowsOnlyOnWideScreens() {
        let editor = EditorNotation.editor(Self.scene, width: 120, height: 24)
        let wide = editor.render(width: 120, height: 24)
        #expect(wide.grid.text(ofRow: 0).contains("Suggestions"))
        let narrow = editor.render(width: 99, height: 24)
        #expect(!narrow.grid.text(ofRow: 0).contains("Suggestions"))
    }

    @Test func statusBarShowsPageSceneElementAndFile() {
        let editor = EditorNotation.editor(Self.scene, width: 100, height: 24)
        EditorNotation.run(editor, "<down><down><down><down>", width: 100, height: 24)
        let frame = editor.render(width: 100, height: 24)
        let status = frame.grid.text(ofRow: 23)
        #expect(status.contains("p.1/1"))
        #expect(status.contains("sc.1"))
        #expect(status.contains("Character"))
        #expect(status.contains("test.fountain"))
        #expect(status.contains("F1 help"))
        EditorNotation.run(editor, "x", width: 100, height: 24)
        #expect(editor.render(width: 100, height: 24).grid.text(ofRow: 23).contains("test.fountain*"))
    }

    @Test func helpListsEveryBinding() {
        let editor = EditorNotation.editor("|", width: 100, height: 80)
        EditorNotation.run(editor, "<f1>", width: 100, height: 80)
        let frame = editor.render(width: 100, height: 80)
        let all = (0..<frame.grid.height).map { frame.grid.text(ofRow: $0) }.joined(separator: "\n")
        for entry in editor.helpEntries {
            #expect(all.contains(entry.doc))
        }
        #expect(all.contains("^S"))
        #expect(all.contains("F1"))
        EditorNotation.run(editor, "<esc>", width: 100, height: 80)
        #expect(!editor.state.showingHelp)
    }
}

@Suite("Page markers in the margin")
struct PageMarkerTests {
    @Test func pageNumbersAppearWherePagesBegin() throws {
        let script = (1...60).map { "Line \($0) of action." }.joined(separator: "\n\n")
        let editor = EditorNotation.editor("|" + script, width: 80, height: 200)
        // 28 one-line paragraphs with blank lines between fill 55 lines; page 2 starts at the 29th.
        let frame = editor.render(width: 80, height: 200)
        let marked = (0..<200).filter { frame.grid.text(ofRow: $0).contains(" 2. ") }
        #expect(marked.count == 1)
        let row = try #require(marked.first)
        #expect(frame.grid.text(ofRow: row).contains("Line 29 of action."))
        #expect(editor.statusInfo().pageCount == 3)
    }
}
