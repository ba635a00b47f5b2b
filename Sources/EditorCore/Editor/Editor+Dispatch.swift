// MARK: - Routing input: help screen, prompt, completion popup, keymap, typing

extension Editor {
    func dispatch(_ event: InputEvent) {
        switch event {
        case .resize(let width, let height):
            lastSize = (max(0, width), max(0, height))
        case .paste(let text):
            state.message = nil
            if state.showingHelp { return }
            if state.prompt != nil {
                handlePromptPaste(text)
            } else {
                state.completion = nil
                insertPaste(text)
            }
        case .mouse(let mouse):
            handleMouse(mouse)
        case .key(let key, let modifiers):
            state.message = nil
            if state.showingHelp { return handleHelpKey(key) }
            if state.prompt != nil { return handlePromptKey(key, modifiers) }
            let binding = KeyBinding(key, modifiers)
            let hadCompletion = state.completion != nil
            if let name = keymap.command(for: binding), let command = CommandTable.named[name] {
                if hadCompletion, !Self.keepsCompletion.contains(name) { state.completion = nil }
                command.run(self)
                if hadCompletion, name == "delete_backward" { updateCompletion() }
            } else if case .text(let text) = key, !modifiers.contains(.alt) {
                typeText(text)
            } else if case .ctrl = key {
                showMessage("\(binding.displayName) is not bound (F1 lists the keys)")
            }
        }
        if let pending = state.pendingElement, pending.line != state.selection.head.line {
            dropPendingElement()
        }
    }

    /// Commands that leave an open completion in place (they act on it).
    static let keepsCompletion: Set<String> = ["tab", "move_right", "move_up", "move_down", "redraw", "help", "delete_backward"]

    private func handleHelpKey(_ key: Key) {
        switch key {
        case .up: state.helpScroll -= 1
        case .down: state.helpScroll += 1
        case .pageUp: state.helpScroll -= max(1, lastSize.height - 2)
        case .pageDown: state.helpScroll += max(1, lastSize.height - 2)
        case .home: state.helpScroll = 0
        default: state.showingHelp = false
        }
    }

    func toggleHelp() {
        state.showingHelp.toggle()
        state.helpScroll = 0
    }

    private func handleMouse(_ mouse: MouseEvent) {
        guard state.prompt == nil, !state.showingHelp else { return }
        let regions = screenLayout(width: lastSize.width, height: lastSize.height)
        switch mouse.kind {
        case .scrollUp: moveVertically(rows: -3, extend: false)
        case .scrollDown: moveVertically(rows: 3, extend: false)
        case .press:
            let text = regions.text
            guard mouse.row >= text.top, mouse.row < text.top + text.height,
                  mouse.column >= text.left, mouse.column < text.left + text.width else { return }
            var row = state.scrollTop
            for _ in 0..<(mouse.row - text.top) {
                guard let next = nextRow(after: row) else { break }
                row = next
            }
            state.completion = nil
            moveCursor(to: position(at: row, column: CellColumn(mouse.column - text.left)), extend: false)
        }
    }

    func cancel() {
        if state.completion != nil {
            state.completion = nil
        } else if !state.selection.isEmpty {
            state.selection = Selection(cursor: state.selection.head)
        } else if !state.search.query.isEmpty {
            state.search.query = ""
        }
    }
}
