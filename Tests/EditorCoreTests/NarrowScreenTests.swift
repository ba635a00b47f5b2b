@testable import EditorCore
import Testing

@Suite("Tiny and odd screen sizes never crash")
struct NarrowScreenTests {
    static let script = """
    Title: Heist

    INT. VAULT - NIGHT

    Marlowe kneels at the dial. 日本語 👨‍👩‍👧 Vera holds the torch.

    MARLOWE
    (whispering)
    Quiet. I'm listening.

    CUT TO:
    """

    @Test(arguments: [(10, 4), (1, 1), (0, 0), (2, 1), (3, 2), (40, 12), (99, 30), (100, 30), (250, 80)])
    func rendersAndEditsAtEverySize(size: (Int, Int)) {
        let (width, height) = size
        let editor = Editor(document: Document(path: nil, text: Self.script))
        _ = editor.handle(.resize(width: width, height: height))
        let keys = "<C-end>x<enter>MAR<tab><enter>Hi 日本<up><up><pagedown><pageup><f1><esc><C-f>torch<enter><C-g><down><enter><f11><C-home>"
        for event in EditorNotation.keys(keys) {
            _ = editor.handle(event)
            let frame = editor.render(width: width, height: height)
            #expect(frame.grid.cells.count == max(0, width) * max(0, height))
            if let cursor = frame.cursorPosition {
                #expect(cursor.row >= 0 && cursor.row < height && cursor.column >= 0 && cursor.column < width)
            }
            // No continuation cell without its wide lead cell.
            for row in 0..<frame.grid.height {
                for column in 0..<frame.grid.width where frame.grid[row, column].isContinuation {
                    #expect(column > 0 && frame.grid[row, column - 1].width == 2)
                }
            }
        }
    }
}
