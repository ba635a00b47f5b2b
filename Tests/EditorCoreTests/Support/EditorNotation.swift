@testable import EditorCore
import Testing

/// Helix-style notation for editor tests: `|` marks the cursor; `[` and `]`
/// mark a selection whose head is the `|` inside it (or the `]` when there
/// is none). Keys: characters are typed one by one; `<…>` is a key spec
/// (`<enter>`, `<tab>`, `<bs>`, `<S-left>`, `<C-u>`, `<f3>`, `<lt>` for "<").
enum EditorNotation {
    /// Text and selection from marked text.
    static func parse(_ marked: String) -> (text: String, anchor: TextPosition, head: TextPosition) {
        var text = ""
        var line = 0
        var byte = 0
        var cursor: TextPosition?
        var open: TextPosition?
        var close: TextPosition?
        for character in marked {
            let here = TextPosition(line: line, byte: byte)
            switch character {
            case "|": cursor = here
            case "[": open = here
            case "]": close = here
            default:
                text.append(character)
                if character == "\n" { line += 1; byte = 0 } else { byte += character.utf8.count }
            }
        }
        if let open, let close {
            let head = cursor ?? close
            return (text, head == open ? close : open, head)
        }
        let position = cursor ?? TextPosition(line: 0, byte: 0)
        return (text, position, position)
    }

    static func editor(_ marked: String, width: Int = 100, height: Int = 30) -> Editor {
        let parsed = parse(marked)
        let editor = Editor(document: Document(path: "/tmp/test.fountain", text: parsed.text))
        _ = editor.handle(.resize(width: width, height: height))
        editor.state.selection = Selection(anchor: parsed.anchor, head: parsed.head)
        _ = editor.render(width: width, height: height)
        return editor
    }

    /// The editor's text with its selection marked.
    static func marked(_ editor: Editor) -> String {
        let selection = editor.state.selection
        var out = ""
        for (index, line) in editor.state.buffer.lines.enumerated() {
            if index > 0 { out += "\n" }
            var byte = 0
            func marks(at byte: Int) -> String {
                let here = TextPosition(line: index, byte: byte)
                if selection.isEmpty { return here == selection.head ? "|" : "" }
                let range = selection.range
                var text = ""
                if here == range.start { text += selection.head == here ? "[|" : "[" }
                if here == range.end { text += selection.head == here ? "|]" : "]" }
                return text
            }
            for character in line {
                out += marks(at: byte)
                out.append(character)
                byte += character.utf8.count
            }
            out += marks(at: byte)
        }
        return out
    }

    static func keys(_ notation: String) -> [InputEvent] {
        var events: [InputEvent] = []
        var index = notation.startIndex
        while index < notation.endIndex {
            let character = notation[index]
            if character == "<", let close = notation[index...].firstIndex(of: ">") {
                let spec = String(notation[notation.index(after: index)..<close])
                switch spec.lowercased() {
                case "lt": events.append(.key(.text("<")))
                case "bs": events.append(.key(.backspace))
                case "del": events.append(.key(.delete))
                default:
                    guard let binding = KeyBinding(spec: spec) else { fatalError("bad key spec <\(spec)>") }
                    events.append(.key(binding.key, binding.modifiers))
                }
                index = notation.index(after: close)
            } else {
                events.append(.key(.text(String(character))))
                index = notation.index(after: index)
            }
        }
        return events
    }

    /// Runs keys on marked text, rendering after each event like the UI loop.
    @discardableResult
    static func run(_ editor: Editor, _ keys: String, width: Int = 100, height: Int = 30) -> [EditorEffect] {
        var effects: [EditorEffect] = []
        for event in self.keys(keys) {
            effects += editor.handle(event)
            _ = editor.render(width: width, height: height)
        }
        return effects
    }
}

/// Asserts that `keys` typed into `before` gives `after`.
func expectEdit(_ before: String, _ keys: String, _ after: String, width: Int = 100,
                sourceLocation: SourceLocation = #_sourceLocation) {
    let editor = EditorNotation.editor(before, width: width)
    EditorNotation.run(editor, keys, width: width)
    #expect(EditorNotation.marked(editor) == after, sourceLocation: sourceLocation)
}
