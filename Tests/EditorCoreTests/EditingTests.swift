@testable import EditorCore
import Testing

@Suite("Editing with the textual notation")
struct EditingTests {
    @Test func typingInsertsAtTheCursor() {
        expectEdit("He|llo", "y", "Hey|llo")
        expectEdit("|", "abc", "abc|")
    }

    @Test func typingReplacesTheSelection() {
        expectEdit("a [big|] dog", "red", "a red| dog")
    }

    @Test func backspaceAndDeleteWorkOnGraphemes() {
        expectEdit("cafe\u{301}|!", "<bs>", "caf|!")
        expectEdit("a👨‍👩‍👧|b", "<bs>", "a|b")
        expectEdit("a|👍🏽b", "<del>", "a|b")
        expectEdit("ab\n|cd", "<bs>", "ab|cd")
        expectEdit("ab|\ncd", "<del>", "ab|cd")
    }

    @Test func arrowsMoveByGrapheme() {
        expectEdit("|日本語", "<right><right>", "日本|語")
        expectEdit("e\u{301}|x", "<left>", "|e\u{301}x")
        expectEdit("ab|\ncd", "<right>", "ab\n|cd")
        expectEdit("ab\n|cd", "<left>", "ab|\ncd")
    }

    @Test func shiftArrowsSelect() {
        expectEdit("ab|cd", "<S-right><S-right>", "ab[cd|]")
        expectEdit("ab|cd", "<S-left>", "a[|b]cd")
        expectEdit("a[bc|]d", "<left>", "a|bcd")
        expectEdit("a[bc|]d", "<right>", "abc|d")
    }

    @Test func wordMovement() {
        expectEdit("|Vera holds the torch.", "<C-right>", "Vera| holds the torch.")
        expectEdit("|Vera holds the torch.", "<C-right><C-right>", "Vera holds| the torch.")
        expectEdit("Vera holds the torch.|", "<C-left>", "Vera holds the |torch.")
        expectEdit("Vera holds|", "<C-S-left>", "Vera [|holds]")
        expectEdit("one two|", "<C-backspace>", "one |")
    }

    @Test func homeTogglesIndentAndEndGoesToLineEnd() {
        expectEdit("  ab|c", "<home>", "  |abc")
        expectEdit("  |abc", "<home>", "|  abc")
        expectEdit("|abc\nd", "<end>", "abc|\nd")
        expectEdit("ab\ncd|", "<C-home>", "|ab\ncd")
        expectEdit("|ab\ncd", "<C-end>", "ab\ncd|")
    }

    @Test func upAndDownKeepTheColumn() {
        expectEdit("abcdef\nab\nabcdef|", "<up><up>", "abcdef|\nab\nabcdef")
        expectEdit("abc|def\nab\nabcdef", "<down>", "abcdef\nab|\nabcdef")
        expectEdit("abc|def\nab\nabcdef", "<down><down>", "abcdef\nab\nabc|def")
        expectEdit("ab|c", "<up>", "|abc")
        expectEdit("ab|c", "<down>", "abc|")
    }

    @Test func selectAllThenTypeReplacesEverything() {
        expectEdit("one\ntwo|", "<C-a>x", "x|")
    }

    @Test func cutCopyPaste() {
        expectEdit("[one|] two", "<C-x><end> <C-v>", " two one|")
        expectEdit("[one|] two", "<C-c><end> <C-v>", "one two one|")
        // No selection: the whole line, as in nano.
        expectEdit("a|b\ncd", "<C-x>", "|cd")
        expectEdit("a|b\ncd", "<C-c><down><end><C-v>", "ab\ncdab\n|")
    }

    @Test func pasteIsLiteralEvenWithNewlinesAndKeysInside() {
        let editor = EditorNotation.editor("x|")
        _ = editor.handle(.paste("line one\r\nline two\n"))
        #expect(EditorNotation.marked(editor) == "xline one\nline two\n|")
    }
}
