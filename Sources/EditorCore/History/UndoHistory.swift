/// Linear undo/redo history of grouped edits.
///
/// A step is what one undo reverts: a typed word (letters typed in a run,
/// with the spaces typed after it), a run of backspaces or deletes, a paste, a
/// cut, a replace-all, an element-flow change. Any cursor movement or other
/// command closes the open step. Undo restores the selection from before the
/// step; redo the one after. Redo is dropped by a new edit (no undo tree).
struct UndoHistory {
    enum GroupKind: Equatable {
        case typing, deletingBackward, deletingForward, single
    }

    struct Step {
        /// Unique per step; `currentID` names the state the text is in.
        var id: Int
        var edits: [AppliedEdit]
        var selectionBefore: Selection
        var selectionAfter: Selection
        var kind: GroupKind
        var lastWasSpace = false
    }

    private(set) var undoStack: [Step] = []
    private(set) var redoStack: [Step] = []
    /// Whether the top of `undoStack` may absorb the next compatible edit.
    private var open = false
    private var nextID = 1

    /// The step the text is at (0: the opened text). Saving remembers it, so
    /// undoing back to the saved text counts as unmodified.
    var currentID: Int { undoStack.last?.id ?? 0 }

    private mutating func makeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    mutating func close() { open = false }

    /// Records `edit`. Typing merges into the open step while it continues at
    /// the same place, and starts a new step when a word starts after a space.
    mutating func record(_ edit: AppliedEdit, kind: GroupKind, before: Selection, after: Selection) {
        redoStack.removeAll()
        let isSpace = edit.inserted.allSatisfy { $0 == " " || $0 == "\t" }
        if open, kind != .single, var top = undoStack.last, top.kind == kind,
           let last = top.edits.last, continues(last, with: edit, kind: kind),
           !(kind == .typing && top.lastWasSpace && !isSpace) {
            top.edits.append(edit)
            top.selectionAfter = after
            top.lastWasSpace = isSpace
            undoStack[undoStack.count - 1] = top
            return
        }
        undoStack.append(Step(id: makeID(), edits: [edit], selectionBefore: before, selectionAfter: after, kind: kind, lastWasSpace: isSpace))
        open = kind != .single
    }

    /// Records several edits as one step (paste, cut, replace all, flow).
    mutating func recordStep(_ edits: [AppliedEdit], before: Selection, after: Selection) {
        guard !edits.isEmpty else { return }
        redoStack.removeAll()
        undoStack.append(Step(id: makeID(), edits: edits, selectionBefore: before, selectionAfter: after, kind: .single))
        open = false
    }

    private func continues(_ last: AppliedEdit, with edit: AppliedEdit, kind: GroupKind) -> Bool {
        switch kind {
        case .typing: return edit.start == last.insertedEnd && edit.removed.isEmpty
        case .deletingBackward: return edit.removedEnd == last.start && edit.inserted.isEmpty
        case .deletingForward: return edit.start == last.start && edit.inserted.isEmpty
        case .single: return false
        }
    }

    mutating func popUndo() -> Step? {
        open = false
        guard let step = undoStack.popLast() else { return nil }
        redoStack.append(step)
        return step
    }

    mutating func popRedo() -> Step? {
        open = false
        guard let step = redoStack.popLast() else { return nil }
        undoStack.append(step)
        return step
    }
}
