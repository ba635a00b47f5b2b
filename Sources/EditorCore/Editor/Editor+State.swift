extension Editor {
    func load(_ document: Document) {
        state = EditorState(text: document.text)
        revision = 0
        savedRevision = 0
    }

    func currentText() -> String { state.buffer.text }

    func setMessage(_ text: String, isError: Bool) {
        state.message = StatusMessage(text: text, isError: isError)
    }

    func beginConfirm(_ question: String, onAnswer: @escaping (Editor, Bool) -> Void) {
        state.prompt = Prompt(kind: .confirm(onAnswer), label: question)
    }

    func dispatch(_ event: InputEvent) {
        switch event {
        case .key(let key, let modifiers):
            if let name = keymap.command(for: KeyBinding(key, modifiers)), let command = CommandTable.named[name] {
                command.run(self)
            }
        default:
            break
        }
    }

    func drawFrame(width: Int, height: Int) -> Frame {
        Frame(grid: CellGrid(width: width, height: height), cursor: nil)
    }
}

/// Everything mutable about an editing session except the document facts.
struct EditorState {
    var buffer: TextBuffer
    var message: StatusMessage?
    var prompt: Prompt?

    init(text: String) {
        buffer = TextBuffer(text)
    }
}

/// A line in the status bar's message area.
struct StatusMessage {
    var text: String
    var isError: Bool
}
