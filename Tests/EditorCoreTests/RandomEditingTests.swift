@testable import EditorCore
import Testing

/// Deterministic random key sequences: the editor must never crash, the
/// cursor must stay on a grapheme boundary inside the text, the Fountain
/// model must mirror the buffer line for line, and undoing everything must
/// give back the original text.
@Suite("Random editing keeps the invariants")
struct RandomEditingTests {
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let keys: [InputEvent] = [
        .key(.text("a")), .key(.text("Z")), .key(.text(" ")), .key(.text("日")), .key(.text("👍🏽")), .key(.text("*")),
        .key(.text("/")), .key(.text("(")), .key(.text("@")), .key(.text(".")), .key(.text("e\u{301}")),
        .key(.enter), .key(.tab), .key(.backTab), .key(.backspace), .key(.delete),
        .key(.left), .key(.right), .key(.up), .key(.down), .key(.home), .key(.end), .key(.pageUp), .key(.pageDown),
        .key(.left, .shift), .key(.right, .shift), .key(.down, .shift), .key(.up, .shift),
        .key(.left, .control), .key(.right, .control), .key(.home, .control), .key(.end, .control),
        .key(.ctrl("u")), .key(.ctrl("y")), .key(.ctrl("x")), .key(.ctrl("c")), .key(.ctrl("v")), .key(.ctrl("k")),
        .key(.pageDown, .control), .key(.pageUp, .control), .key(.escape), .key(.escape),
        .key(.ctrl("f")), .key(.ctrl("g")), .key(.ctrl("r")), .key(.function(1)), .key(.function(3)), .key(.text("y")),
        .paste("INT. HOUSE - DAY\n\nMARLOWE\n(quietly)\nHi.\n"), .paste("/* boneyard"), .paste("*/"),
        .resize(width: 30, height: 8), .resize(width: 120, height: 40), .resize(width: 10, height: 4),
        .mouse(MouseEvent(kind: .press, column: 12, row: 3)), .mouse(MouseEvent(kind: .scrollDown, column: 1, row: 1)),
    ]

    @Test(arguments: [1, 2, 3, 4])
    func randomSession(seed: UInt64) {
        var random = SplitMix(state: seed)
        let original = "Title: Test\n\nINT. VAULT - NIGHT\n\nMarlowe kneels.\n\nMARLOWE\nQuiet.\n\nCUT TO:\n"
        let editor = Editor(document: Document(path: nil, text: original))
        var size = (width: 80, height: 24)
        for step in 0..<1500 {
            let event = Self.keys[Int(random.next() % UInt64(Self.keys.count))]
            if case .resize(let width, let height) = event { size = (width, height) }
            _ = editor.handle(event)
            _ = editor.render(width: size.width, height: size.height)
            let head = editor.state.selection.head
            let lines = editor.state.buffer.lines
            #expect(head.line < lines.count, "step \(step)")
            if head.line < lines.count {
                #expect(head.byte <= lines[head.line].utf8.count, "step \(step)")
                #expect(lines[head.line].graphemeFloor(head.byte) == head.byte, "step \(step)")
            }
            if step % 100 == 0 {
                #expect(editor.syntax.document.source.lines == lines, "step \(step)")
            }
        }
        // Leave any prompt, then undo back to the start.
        _ = editor.handle(.key(.escape))
        _ = editor.handle(.key(.escape))
        for _ in 0..<3000 { _ = editor.handle(.key(.ctrl("u"))) }
        #expect(editor.text == original)
        #expect(editor.syntax.document.source.lines == editor.state.buffer.lines)
    }
}
