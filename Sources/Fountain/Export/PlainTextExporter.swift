/// Renders a laid-out screenplay as monospace text, each page as it would be
/// printed: lines at their columns, blank lines where the page has gaps, the
/// page number `N.` right-aligned at the top from page 2 on, and a form feed
/// between pages (as `pr` and printers expect).
///
/// Numbered scene headings show their number in both margins.
///
/// The page number sits on its own line with one blank line under it, mirroring
/// its 0.5" position above the 1" top margin; rows below follow the layout exactly.
public enum PlainTextExporter {
    public static func render(_ layout: ScreenplayLayout) -> String {
        var out = ""
        for (index, page) in layout.allPages.enumerated() {
            if index > 0 { out += "\u{0C}" }
            render(page, paper: layout.paper, into: &out)
        }
        return out
    }

    static func render(_ page: Page, paper: PaperSize, into out: inout String) {
        if let number = page.printedNumber {
            out += String(repeating: " ", count: max(0, paper.rightEdgeColumn - number.count)) + number + "\n\n"
        } else {
            out += "\n\n"
        }
        // The last row with text: a page is not padded with trailing blank lines.
        let lastRow = page.lines.map(\.row).max() ?? -1
        var byRow = [[PageLine]](repeating: [], count: lastRow + 1)
        for line in page.lines { byRow[line.row].append(line) }
        for rowLines in byRow {
            var text = ""
            var column = 0
            for line in rowLines.sorted(by: { $0.column < $1.column }) {
                if line.column > column {
                    text += String(repeating: " ", count: line.column - column)
                    column = line.column
                }
                let content = line.text
                text += content
                column += content.count
            }
            // Scene numbers in both margins, as numbered shooting scripts print them.
            if let number = rowLines.first(where: { $0.sceneNumber != nil })?.sceneNumber {
                let left = String(repeating: " ", count: max(0, 10 - number.count)) + number
                text = left + String(text.dropFirst(min(text.count, left.count)))
                text += String(repeating: " ", count: max(1, paper.rightEdgeColumn + 2 - text.count)) + number
            }
            out += text + "\n"
        }
    }
}
