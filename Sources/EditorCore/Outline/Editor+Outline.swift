// MARK: - Outline picker and scene jumps

extension Editor {
    func beginOutline() {
        let items = syntax.outlineItems()
        guard !items.isEmpty else { return showMessage("No scenes or sections yet") }
        let line = state.selection.head.line
        let current = items.lastIndex { $0.line <= line } ?? 0
        state.prompt = Prompt(kind: .outline(selected: current), label: "Go to scene (type to filter, ↑↓, Enter): ")
    }

    func filteredOutline(filter: String? = nil) -> [OutlineItem] {
        let filter = (filter ?? state.prompt?.input ?? "").lowercased()
        guard !filter.isEmpty else { return syntax.outlineItems() }
        return syntax.outlineItems().filter { $0.title.lowercased().contains(filter) || $0.number.lowercased() == filter }
    }

    func jumpScene(forward: Bool) {
        let line = state.selection.head.line
        let scenes = syntax.outlineItems().filter { !$0.isSection }
        let target = forward ? scenes.first { $0.line > line } : scenes.last { $0.line < line }
        guard let target else { return bell() }
        moveCursor(to: TextPosition(line: target.line, byte: 0), extend: false)
    }
}
