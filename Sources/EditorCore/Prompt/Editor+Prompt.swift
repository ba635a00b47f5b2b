// MARK: - Minibuffer input: editing the prompt's line and submitting it

extension Editor {
    func handlePromptKey(_ key: Key, _ modifiers: KeyModifiers) {
        guard var prompt = state.prompt else { return }
        if !prompt.takesText {
            return answerChoice(prompt, key: key)
        }
        switch key {
        case .escape, .ctrl("q"):
            cancelPrompt(prompt)
            return
        case .ctrl("g") where !isOutline(prompt):
            cancelPrompt(prompt)
            return
        case .enter:
            state.prompt = nil
            submitPrompt(prompt)
            return
        case .text(let text):
            let clean = text.filter { !$0.isNewline }
            prompt.input.insert(contentsOf: clean, at: prompt.input.utf8.index(prompt.input.utf8.startIndex, offsetBy: prompt.cursor))
            prompt.cursor += clean.utf8.count
        case .backspace:
            guard prompt.cursor > 0 else { break }
            let start = prompt.input.graphemeBoundary(before: prompt.cursor)
            prompt.input.removeSubrange(byteRange(prompt.input, start..<prompt.cursor))
            prompt.cursor = start
        case .delete:
            guard prompt.cursor < prompt.input.utf8.count else { break }
            let end = prompt.input.graphemeBoundary(after: prompt.cursor)
            prompt.input.removeSubrange(byteRange(prompt.input, prompt.cursor..<end))
        case .left: prompt.cursor = prompt.input.graphemeBoundary(before: prompt.cursor)
        case .right: prompt.cursor = prompt.input.graphemeBoundary(after: prompt.cursor)
        case .home, .ctrl("a"): prompt.cursor = 0
        case .end, .ctrl("e"): prompt.cursor = prompt.input.utf8.count
        case .ctrl("u"):
            prompt.input = ""
            prompt.cursor = 0
        case .up, .down, .pageUp, .pageDown, .tab, .backTab:
            if case .outline(let selected) = prompt.kind {
                let count = filteredOutline(filter: prompt.input).count
                let step: Int
                switch key {
                case .up, .backTab: step = -1
                case .down, .tab: step = 1
                case .pageUp: step = -10
                default: step = 10
                }
                prompt.kind = .outline(selected: max(0, min(count - 1, selected + step)))
            } else if case .suggestionCharacter = prompt.kind, key == .tab || key == .backTab {
                completeCharacterPrompt(&prompt, forward: key == .tab)
            } else if case .find = prompt.kind {
                state.prompt = prompt
                state.search.query = prompt.input
                findNext(forward: key == .down || key == .tab || key == .pageDown)
                return
            }
        case .function(3):
            if case .find = prompt.kind {
                state.search.query = prompt.input
                findNext(forward: !modifiers.contains(.shift))
                return
            }
        default:
            break
        }
        state.prompt = prompt
        promptInputChanged()
    }

    private func isOutline(_ prompt: Prompt) -> Bool {
        if case .outline = prompt.kind { return true }
        return false
    }

    private func byteRange(_ string: String, _ range: Range<Int>) -> Range<String.Index> {
        let utf8 = string.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return lower..<utf8.index(lower, offsetBy: range.count)
    }

    func handlePromptPaste(_ text: String) {
        guard var prompt = state.prompt, prompt.takesText else { return }
        let firstLine = String(text.prefix { !$0.isNewline })
        prompt.input.insert(contentsOf: firstLine, at: prompt.input.utf8.index(prompt.input.utf8.startIndex, offsetBy: prompt.cursor))
        prompt.cursor += firstLine.utf8.count
        state.prompt = prompt
        promptInputChanged()
    }

    /// Live reactions to typing in the prompt: incremental find, outline filter.
    private func promptInputChanged() {
        guard let prompt = state.prompt else { return }
        switch prompt.kind {
        case .find(let origin):
            state.search.query = prompt.input
            state.selection = Selection(cursor: origin.range.start)
            if !prompt.input.isEmpty, !selectMatch(from: origin.range.start, forward: true, wrapMessage: false) {
                state.selection = origin
            }
        case .outline:
            let count = filteredOutline(filter: prompt.input).count
            if case .outline(let selected) = prompt.kind, selected >= count {
                state.prompt?.kind = .outline(selected: max(0, count - 1))
            }
        default:
            break
        }
    }

    private func cancelPrompt(_ prompt: Prompt) {
        state.prompt = nil
        switch prompt.kind {
        case .find(let origin):
            state.selection = origin
            state.search.query = ""
        case .confirm(let answer):
            answer(self, false)
        default:
            break
        }
    }

    private func submitPrompt(_ prompt: Prompt) {
        switch prompt.kind {
        case .find:
            state.search.query = prompt.input
            if !state.selection.isEmpty { state.selection = Selection(cursor: state.selection.range.start) }
        case .replaceSearch:
            guard !prompt.input.isEmpty else { return }
            state.search.query = prompt.input
            state.prompt = Prompt(kind: .replaceWith(search: prompt.input), label: "Replace \"\(prompt.input)\" with: ",
                                  input: state.search.replacement)
        case .replaceWith(let search):
            state.search.replacement = prompt.input
            startReplacing(search: search, replacement: prompt.input)
        case .saveAs(let thenQuit):
            let path = prompt.input.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else { return showMessage("Not saved") }
            pendingEffects.append(.save(path: expandTilde(path), bytes: documentBytes, overwriteChangedFile: false))
            if thenQuit { quitAfterSave = true }
        case .open:
            let path = prompt.input.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else { return }
            pendingEffects.append(.open(path: expandTilde(path)))
        case .outline(let selected):
            let items = filteredOutline(filter: prompt.input)
            guard items.indices.contains(selected) else { return }
            moveCursor(to: TextPosition(line: items[selected].line, byte: 0), extend: false)
            state.scrollTop = DisplayRow(line: items[selected].line, row: 0)
        case .suggestionDirection:
            let direction = prompt.input.trimmingCharacters(in: .whitespaces)
            requestSuggestions(direction: direction.isEmpty ? nil : direction)
        case .suggestionCharacter:
            guard let name = resolveCharacter(prompt.input) else { return showMessage("No character given") }
            requestSuggestions(character: name)
        case .confirm, .replaceStep, .quitUnsaved:
            break
        }
    }

    /// Keys for prompts that take one key: y/n, replace steps, quit.
    private func answerChoice(_ prompt: Prompt, key: Key) {
        let letter: Character? = if case .text(let text) = key { text.lowercased().first } else { nil }
        switch prompt.kind {
        case .confirm(let answer):
            guard letter == "y" || letter == "n" || key == .escape else { return }
            state.prompt = nil
            answer(self, letter == "y")
        case .quitUnsaved:
            if letter == "y" {
                state.prompt = nil
                if document.path == nil {
                    beginSaveAs(thenQuit: true)
                } else {
                    quitAfterSave = true
                    save()
                }
            } else if letter == "n" {
                state.prompt = nil
                pendingEffects.append(.quit)
            } else if key == .escape || key == .ctrl("c") {
                state.prompt = nil
                showMessage("Quit cancelled")
            }
        case .replaceStep(let search, let replacement, let replaced):
            stepReplace(search: search, replacement: replacement, replaced: replaced, key: key, letter: letter)
        default:
            break
        }
    }

    private func expandTilde(_ path: String) -> String {
        guard path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] else { return path }
        return home + path.dropFirst(1)
    }
}

import Foundation

extension Editor {
    func beginConfirm(_ question: String, onAnswer: @escaping (Editor, Bool) -> Void) {
        state.prompt = Prompt(kind: .confirm(onAnswer), label: question)
    }
}
