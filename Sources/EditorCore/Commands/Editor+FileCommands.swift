// MARK: - Save, save as, open, quit: the core decides, the UI loop does the I/O

extension Editor {
    func save() {
        guard let path = document.path else { return beginSaveAs(thenQuit: false) }
        pendingEffects.append(.save(path: path, bytes: documentBytes, overwriteChangedFile: false))
    }

    func beginSaveAs(thenQuit: Bool) {
        state.prompt = Prompt(kind: .saveAs(thenQuit: thenQuit), label: "Save as: ", input: document.path ?? "")
    }

    func beginOpen() {
        guard !isModified else {
            return beginConfirm("Unsaved changes will be lost. Open another file anyway? (y/n)") { editor, yes in
                if yes { editor.state.prompt = Prompt(kind: .open, label: "Open: ") }
            }
        }
        state.prompt = Prompt(kind: .open, label: "Open: ")
    }

    func quit() {
        guard isModified else { return pendingEffects.append(.quit) }
        state.prompt = Prompt(kind: .quitUnsaved, label: "Save changes before quitting? y save, n discard, Esc cancel")
    }
}
