import Testing
@testable import Fountain

/// The standalone HTML page: one file, embedded CSS, every element as a
/// classed block, emphasis, dual dialogue side by side, title page, notes.
@Suite struct HTMLExportTests {
    static let script = """
        Title: Salt & <Line>
        Author: Ada

        INT. HARBOUR - NIGHT #7#

        Nell reads *the* **ledger** & _waits_ [[tide?]].

        NELL (V.O.)
        (quietly)
        Four men < five.

        CAL
        No.

        TOMAS ^
        Yes.

        >THE END<

        CUT TO:

        ~A sea song

        ===

        # Act Two

        = Nobody comes back.

        /* cut scene */

        """

    let html = HTMLExporter.render(FountainDocument(parsing: script))

    @Test func isOneStandaloneDocumentWithEmbeddedCSS() {
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<style>") && html.contains("font-family: \"Courier Prime\", Courier"))
        #expect(!html.contains("<link") && !html.contains("<script"))
        #expect(html.contains("<title>Salt &amp; &lt;Line&gt;</title>"))
    }

    @Test func elementsAreClassedBlocks() {
        #expect(html.contains("<h3 class=\"scene-heading\" id=\"scene-7\"><span class=\"scene-number\">7</span>INT. HARBOUR - NIGHT</h3>"))
        #expect(html.contains("<p class=\"character\">NELL (V.O.)</p>"))
        #expect(html.contains("<p class=\"parenthetical\">(quietly)</p>"))
        #expect(html.contains("<p class=\"dialogue\">Four men &lt; five.</p>"))
        #expect(html.contains("<p class=\"centered\">THE END</p>"))
        #expect(html.contains("<p class=\"transition\">CUT TO:</p>"))
        #expect(html.contains("<p class=\"lyrics\">A sea song</p>"))
        #expect(html.contains("<hr class=\"page-break\">"))
        #expect(html.contains("class=\"section depth-1\">Act Two<"))
        #expect(html.contains("<p class=\"synopsis\">Nobody comes back.</p>"))
        #expect(!html.contains("cut scene"))
    }

    @Test func emphasisAndNotesAreMarkedUp() {
        #expect(html.contains("Nell reads <em>the</em> <strong>ledger</strong> &amp; <u>waits</u> <span class=\"note\">tide?</span>."))
    }

    @Test func dualDialogueIsTwoSideBySideBlocks() throws {
        let start = try #require(html.range(of: "<div class=\"dual-dialogue\">"))
        let rest = html[start.upperBound...]
        let left = try #require(rest.range(of: "<div class=\"dialogue-block left\">"))
        let right = try #require(rest.range(of: "<div class=\"dialogue-block right\">"))
        #expect(left.lowerBound < right.lowerBound)
        #expect(rest[left.upperBound..<right.lowerBound].contains("CAL"))
        #expect(rest[right.upperBound...].prefix(80).contains("TOMAS"))
        #expect(html.contains(".dual-dialogue { display: flex;"))
    }

    @Test func speechesAreGroupedInADialogueBlock() {
        #expect(html.contains("<div class=\"dialogue-block\">\n<p class=\"character\">NELL (V.O.)</p>\n<p class=\"parenthetical\">(quietly)</p>\n<p class=\"dialogue\">Four men &lt; five.</p>\n</div>"))
    }

    @Test func titlePageComesFirst() throws {
        let title = try #require(html.range(of: "<section class=\"title-page\">"))
        let body = try #require(html.range(of: "<article class=\"screenplay\">"))
        #expect(title.lowerBound < body.lowerBound)
        #expect(html.contains("<p class=\"title\">Salt &amp; &lt;Line&gt;</p>"))
        #expect(html.contains("<p class=\"author\">Ada</p>"))
    }

    @Test func notesShowOnScreenButNotInPrint() {
        #expect(html.contains("@media print"))
        #expect(html.contains("aside.note, span.note { display: none; }"))
    }
}
