@testable import EditorCore
import Testing

@Suite("Soft wrap and cursor mapping with wide characters")
struct WrapAndCursorMappingTests {
    let geometry = PageGeometry(areaWidth: 14) // action column: 12 cells at margin 1

    @Test func wrapsAtWordsWithinTheElementWidth() {
        let layout = LineLayout(line: "Vera holds the torch high", style: .action, geometry: geometry)
        #expect(layout.rows.map { $0.glyphs.map(\.text).joined() } == ["Vera holds ", "the torch ", "high"])
        #expect(layout.rows.allSatisfy { $0.indent == 1 })
        #expect(layout.rows.map(\.startByte) == [0, 11, 21])
    }

    @Test func wideCharactersTakeTwoCellsAndWrapAsAWhole() {
        // 7 CJK characters = 14 cells: 6 fit in 12 cells.
        let layout = LineLayout(line: "日本語の文字列", style: .action, geometry: geometry)
        #expect(layout.rows.count == 2)
        #expect(layout.rows[0].glyphs.count == 6)
        #expect(layout.rows[0].cellWidth == 12)
        #expect(layout.rows[1].glyphs.map(\.column) == [0])
        let emoji = LineLayout(line: "ab👍🏽cd", style: .action, geometry: geometry)
        #expect(emoji.rows[0].glyphs.map(\.width) == [1, 1, 2, 1, 1])
        #expect(emoji.rows[0].glyphs.map(\.column) == [0, 1, 2, 4, 5])
    }

    @Test func aLongWordIsBrokenByCells() {
        let layout = LineLayout(line: String(repeating: "x", count: 30), style: .action, geometry: geometry)
        #expect(layout.rows.map(\.glyphs.count) == [12, 12, 6])
    }

    @Test func cursorMapsToCellsAndBackThroughWrapAndWideCharacters() {
        let text = "Vera 日本 holds 👍🏽 the torch"
        let editor = EditorNotation.editor(text + "|", width: 14, height: 10)
        let line = editor.state.buffer[0]
        var byte = 0
        var seen = Set<ScreenPointKey>()
        // Every grapheme boundary maps to a distinct cell, and the cell maps back.
        while true {
            let position = TextPosition(line: 0, byte: byte)
            let location = editor.screenLocation(of: position)
            #expect(seen.insert(ScreenPointKey(row: location.row.row, column: location.column.value)).inserted)
            #expect(editor.position(at: location.row, column: location.column) == position)
            if byte == line.utf8.count { break }
            byte = line.graphemeBoundary(after: byte)
        }
    }

    @Test func cursorOnAWideCharacterIsAtItsFirstCell() {
        let editor = EditorNotation.editor("日|本", width: 40, height: 6)
        let frame = editor.render(width: 40, height: 6)
        let cursor = frame.cursorPosition!
        #expect(frame.grid[cursor.row, cursor.column].text == "本")
        #expect(frame.grid[cursor.row, cursor.column].width == 2)
        #expect(frame.grid[cursor.row, cursor.column + 1].isContinuation)
        #expect(frame.grid[cursor.row, cursor.column - 2].text == "日")
    }

    @Test func verticalMovementFollowsWrappedRows() {
        // "Vera holds " | "the torch " | "high": down from column 2 of row 0.
        let editor = EditorNotation.editor("Ve|ra holds the torch high", width: 14, height: 10)
        EditorNotation.run(editor, "<down>", width: 14, height: 10)
        #expect(EditorNotation.marked(editor) == "Vera holds th|e torch high")
        EditorNotation.run(editor, "<down>", width: 14, height: 10)
        #expect(EditorNotation.marked(editor) == "Vera holds the torch hi|gh")
        // On the last row, down goes to the end of the text.
        EditorNotation.run(editor, "<down>", width: 14, height: 10)
        #expect(EditorNotation.marked(editor) == "Vera holds the torch high|")
    }

    @Test func scrollingKeepsTheCursorVisible() {
        let text = (1...100).map { "Line \($0)" }.joined(separator: "\n\n")
        let editor = EditorNotation.editor("|" + text, width: 30, height: 10)
        EditorNotation.run(editor, "<C-end>", width: 30, height: 10)
        let frame = editor.render(width: 30, height: 10)
        let cursor = try! #require(frame.cursorPosition)
        #expect(frame.grid.text(ofRow: cursor.row).contains("Line 100"))
        EditorNotation.run(editor, "<C-home>", width: 30, height: 10)
        let top = editor.render(width: 30, height: 10)
        #expect(top.grid.text(ofRow: top.cursorPosition!.row).contains("Line 1"))
    }

    struct ScreenPointKey: Hashable {
        var row: Int
        var column: Int
    }
}

@Suite("Scrolling keeps context around the cursor")
struct ScrollMarginTests {
    @Test func twoRowsOfContextBelowAndAbove() throws {
        let text = (1...100).map { "Line \($0)" }.joined(separator: "\n")
        let editor = EditorNotation.editor("|" + text, width: 40, height: 14)
        // Text area: rows 1...12 (title row, status row). Move down until it scrolls.
        for _ in 0..<20 { EditorNotation.run(editor, "<down>", width: 40, height: 14) }
        var frame = editor.render(width: 40, height: 14)
        var cursor = try #require(frame.cursorPosition)
        #expect(cursor.row == 12 - 2)
        #expect(frame.grid.text(ofRow: 12).contains("Line 23"))
        for _ in 0..<15 { EditorNotation.run(editor, "<up>", width: 40, height: 14) }
        frame = editor.render(width: 40, height: 14)
        cursor = try #require(frame.cursorPosition)
        #expect(cursor.row == 1 + 2)
        // At the end of the script the cursor may sit on the last row.
        EditorNotation.run(editor, "<C-end>", width: 40, height: 14)
        frame = editor.render(width: 40, height: 14)
        #expect(try #require(frame.cursorPosition).row == 12)
    }
}
