import Provenance

// MARK: - The writer's suggestion actions: request, focus, take, edit, reject, stop
//
// Every action works on the focused candidate of the current request. Taking
// text inserts it at the cursor as one undo step marked AI. Decisions go out
// as `.suggestion(.decision…)` effects the moment they are made, so a crash
// loses none that the writer saw happen.

extension Editor {
    /// Asks for `suggestionOptions.count` continuations at the cursor. Any
    /// undecided candidates of the previous request count as ignored (or
    /// partly accepted), and an edit in progress is kept.
    func requestSuggestions(direction: String? = nil, character: String? = nil) {
        guard suggestions.isAvailable else {
            return showError(suggestions.unavailableReason ?? "Suggestions are not available")
        }
        commitPendingSuggestion()
        closeSuggestionRequest()
        let head = state.selection.head
        let ticket = suggestions.nextTicket
        suggestions.nextTicket += 1
        let query = SuggestionQuery(
            ticket: ticket, script: currentText(), cursorLine: head.line,
            cursorColumn: state.buffer[head.line].slice(bytes: 0..<head.byte).count,
            count: suggestionOptions.count, direction: direction, character: character)
        suggestions.ticket = ticket
        suggestions.query = query
        suggestions.candidates = (0..<query.count).map { PaneCandidate(index: $0) }
        suggestions.focus = 0
        suggestions.anchor = head
        suggestions.isStale = false
        suggestions.failure = nil
        state.paneVisible = true
        pendingEffects.append(.suggestion(.request(query)))
    }

    /// Records what became of every candidate still open (partly taken, or
    /// ignored) and forgets the request.
    func closeSuggestionRequest() {
        guard let ticket = suggestions.ticket else { return }
        if suggestions.isGenerating { pendingEffects.append(.suggestion(.stop)) }
        for index in suggestions.openIndices {
            let candidate = suggestions.candidates[index]
            if candidate.taken > 0 {
                decide(index, .acceptedPart(candidate.takenText), ticket: ticket)
            } else if !candidate.text.isEmpty {
                decide(index, .ignored, ticket: ticket)
            }
        }
        suggestions.ticket = nil
        suggestions.candidates = []
        suggestions.isStale = false
    }

    /// Sends the writer's decision out at once. `closing: false` records a
    /// decision that may still grow (a partial take): the log keeps the last
    /// record of a candidate, and a kill -9 loses none of the taken parts.
    private func decide(_ index: Int, _ outcome: PaneDecision, ticket: Int? = nil, closing: Bool = true) {
        guard let ticket = ticket ?? suggestions.ticket else { return }
        if closing, ticket == suggestions.ticket, suggestions.candidates.indices.contains(index) {
            suggestions.candidates[index].isClosed = true
        }
        pendingEffects.append(.suggestion(.decision(ticket: ticket, index: index, outcome: outcome)))
    }

    func focusSuggestion(step: Int) {
        guard suggestions.focused != nil || !suggestions.openIndices.isEmpty else {
            return showMessage(noSuggestionsMessage)
        }
        suggestions.moveFocus(by: step)
    }

    private var noSuggestionsMessage: String {
        "No suggestions: \(keyName("suggest")) asks for \(suggestionOptions.count)"
    }

    /// The first key bound to `command`, for messages ("^Space").
    func keyName(_ command: String) -> String {
        keymap.keys(for: command).first?.displayName ?? command
    }

    /// The focused candidate when it can be taken into the script, else a message.
    private func takeableCandidate() -> PaneCandidate? {
        guard let candidate = suggestions.focused else {
            showMessage(noSuggestionsMessage)
            return nil
        }
        if suggestions.isStale {
            showError("Stale: the script changed above the suggestion point; \(keyName("suggest")) for fresh ones")
            return nil
        }
        if candidate.remainder.allSatisfy(\.isWhitespace) {
            showMessage(candidate.status.isFinal ? "Nothing left to take in this suggestion" : "Nothing yet: the suggestion is still coming")
            return nil
        }
        return candidate
    }

    /// Takes the focused candidate whole (or keeps the candidate being edited).
    func acceptSuggestion() {
        if suggestions.pending != nil { return commitPendingSuggestion() }
        guard let candidate = takeableCandidate(), let ticket = suggestions.ticket else { return }
        insertSuggestionText(String(candidate.remainder))
        decide(candidate.index, candidate.status.isFinal ? .accepted : .acceptedPart(candidate.text), ticket: ticket)
        closeSuggestionRequest()
        showMessage("Suggestion \(candidate.index + 1) taken")
    }

    /// Takes the focused candidate's next word (`byLine`: its next line).
    func acceptSuggestionPart(byLine: Bool) {
        guard let candidate = takeableCandidate(), let ticket = suggestions.ticket else { return }
        let piece = byLine ? CandidateText.nextLine(of: candidate.remainder) : CandidateText.nextWord(of: candidate.remainder)
        // While it streams, the last word or line may still be growing: wait for its end.
        if !candidate.status.isFinal, piece.endIndex == candidate.remainder.endIndex, !(byLine && piece.last == "\n") {
            return showMessage("The next \(byLine ? "line" : "word") is still coming")
        }
        insertSuggestionText(String(piece))
        suggestions.candidates[candidate.index].taken += piece.count
        let updated = suggestions.candidates[candidate.index]
        if updated.status.isFinal, updated.remainder.allSatisfy(\.isWhitespace) {
            decide(candidate.index, .accepted, ticket: ticket)
            closeSuggestionRequest()
            showMessage("Suggestion \(candidate.index + 1) taken to its end")
        } else {
            decide(candidate.index, .acceptedPart(updated.takenText), ticket: ticket, closing: false)
        }
    }

    /// Takes the focused candidate into the script as a pending AI region to
    /// edit freely; pressed again (or the accept key), keeps it.
    func editSuggestion() {
        if suggestions.pending != nil { return commitPendingSuggestion() }
        guard let candidate = takeableCandidate(), let ticket = suggestions.ticket else { return }
        let original = String(candidate.remainder)
        let range = insertSuggestionText(original)
        suggestions.candidates[candidate.index].isClosed = true
        suggestions.pending = PendingSuggestion(ticket: ticket, index: candidate.index, start: range.start, end: range.end,
                                                original: original, takenBefore: candidate.takenText)
        suggestions.moveFocus(by: 1)
        showMessage("Editing suggestion \(candidate.index + 1): \(keyName("suggestion_edit")) keeps it, \(keyName("suggestion_reject")) drops it")
    }

    /// Ends an edit in progress, keeping the text as the writer left it.
    func commitPendingSuggestion() {
        guard let pending = suggestions.pending else { return }
        suggestions.pending = nil
        let final = regionText(pending)
        let outcome: PaneDecision
        if final.allSatisfy(\.isWhitespace) {
            outcome = .rejected
        } else if final == pending.original {
            outcome = pending.takenBefore.isEmpty ? .accepted : .acceptedPart(pending.takenBefore + final)
        } else {
            outcome = .edited(final: pending.takenBefore + final)
        }
        decide(pending.index, outcome, ticket: pending.ticket)
        showMessage(outcome == .rejected ? "Suggestion emptied: counted as rejected" : "Suggestion kept")
    }

    private func regionText(_ pending: PendingSuggestion) -> String {
        let start = state.buffer.clamp(pending.start)
        let end = state.buffer.clamp(pending.end)
        return start < end ? state.buffer.text(in: TextRange(start, end)) : ""
    }

    /// Rejects the focused candidate (its slot regenerates if configured),
    /// or drops the candidate being edited from the script.
    func rejectSuggestion() {
        if let pending = suggestions.pending {
            suggestions.pending = nil
            let start = state.buffer.clamp(pending.start)
            let end = state.buffer.clamp(pending.end)
            // Taken out as the pane, not the writer: AI text around it stays AI.
            if start < end { editBufferAsPane { removeText(TextRange(start, end)) } }
            decide(pending.index, pending.takenBefore.isEmpty ? .rejected : .acceptedPart(pending.takenBefore), ticket: pending.ticket)
            return showMessage("Suggestion dropped")
        }
        guard let candidate = suggestions.focused, let ticket = suggestions.ticket else { return showMessage(noSuggestionsMessage) }
        decide(candidate.index, candidate.taken > 0 ? .acceptedPart(candidate.takenText) : .rejected, ticket: ticket)
        if suggestionOptions.regenerateOnReject, !suggestions.isStale {
            suggestions.candidates[candidate.index] = PaneCandidate(index: candidate.index)
            pendingEffects.append(.suggestion(.regenerate(ticket: ticket, index: candidate.index)))
        } else {
            suggestions.moveFocus(by: 1)
        }
        showMessage("Suggestion \(candidate.index + 1) rejected")
    }

    /// Rejects every open candidate and asks again (same direction and character).
    func rejectAllSuggestions() {
        commitPendingSuggestion()
        guard let ticket = suggestions.ticket else { return requestSuggestions() }
        for index in suggestions.openIndices {
            let candidate = suggestions.candidates[index]
            if candidate.taken > 0 {
                decide(index, .acceptedPart(candidate.takenText), ticket: ticket)
            } else if !candidate.text.isEmpty || candidate.status.isFinal {
                decide(index, .rejected, ticket: ticket)
            } else {
                suggestions.candidates[index].isClosed = true
            }
        }
        requestSuggestions(direction: suggestions.query?.direction, character: suggestions.query?.character)
    }

    /// Stops the focused candidate while the others keep streaming; its
    /// text so far stays in the pane to take, edit or reject.
    func stopFocusedSuggestion() {
        guard let candidate = suggestions.focused, let ticket = suggestions.ticket else {
            return showMessage(noSuggestionsMessage)
        }
        guard !candidate.status.isFinal else {
            return showMessage("Suggestion \(candidate.index + 1) is not being generated")
        }
        suggestions.candidates[candidate.index].status = .stopped
        pendingEffects.append(.suggestion(.stopCandidate(ticket: ticket, index: candidate.index)))
        let others = suggestions.isGenerating ? "; the others go on" : ""
        showMessage("Suggestion \(candidate.index + 1) stopped\(others)")
    }

    func stopSuggestions() {
        guard suggestions.isGenerating else { return showMessage("Nothing is being generated") }
        pendingEffects.append(.suggestion(.stop))
        for index in suggestions.openIndices where !suggestions.candidates[index].status.isFinal {
            suggestions.candidates[index].status = .stopped
        }
        showMessage("Stopped")
    }

    // MARK: Asking with a direction or for a character's line

    func beginSuggestionDirection() {
        state.prompt = Prompt(kind: .suggestionDirection, label: "Direction for the next suggestions: ",
                              input: suggestions.query?.direction ?? "")
    }

    func beginSuggestionCharacter() {
        state.prompt = Prompt(kind: .suggestionCharacter(cycle: nil), label: "Next line for (Tab completes): ")
    }

    /// Tab in the character prompt: the next cast name starting with what was typed.
    func completeCharacterPrompt(_ prompt: inout Prompt, forward: Bool) {
        guard case .suggestionCharacter(let cycle) = prompt.kind else { return }
        let typed = cycle.flatMap { $0.shown == prompt.input ? $0.typed : nil } ?? prompt.input
        let matches = castMatches(typed)
        guard !matches.isEmpty else { return bell() }
        let current = matches.firstIndex(of: prompt.input)
        let next = current.map { (($0 + (forward ? 1 : -1)) + matches.count) % matches.count } ?? (forward ? 0 : matches.count - 1)
        prompt.input = matches[next]
        prompt.cursor = prompt.input.utf8.count
        prompt.kind = .suggestionCharacter(cycle: (typed, matches[next]))
    }

    /// Shown after the character prompt's input: the names it could be.
    func characterPromptHint(_ prompt: Prompt) -> String? {
        guard case .suggestionCharacter = prompt.kind else { return nil }
        let matches = castMatches(prompt.input).filter { $0 != prompt.input }
        return matches.isEmpty ? nil : "  " + matches.prefix(6).joined(separator: " ")
    }

    /// Cast names (most frequent first) matching what is typed, for the character prompt.
    func castMatches(_ typed: String) -> [String] {
        let upper = typed.trimmingCharacters(in: .whitespaces).uppercased()
        return syntax.cast(excludingLine: -1).filter { upper.isEmpty || $0.uppercased().hasPrefix(upper) }
    }

    /// The name the character prompt's input stands for: a cast name it is
    /// the start of, or the typed name itself (a new character), upper-cased.
    func resolveCharacter(_ typed: String) -> String? {
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        let matches = castMatches(trimmed)
        if let exact = matches.first(where: { $0.uppercased() == trimmed.uppercased() }) { return exact }
        return matches.first ?? trimmed.uppercased()
    }

    // MARK: Text the pane puts into the script

    /// Inserts `text` at the cursor (never over a selection) as one undo
    /// step marked AI; returns the range the text took.
    ///
    /// The separation above is the candidate's own: the assistant starts a
    /// candidate with the line breaks the cursor's place needs (a new
    /// element on the blank line under a paragraph starts with "\n"; more
    /// speech under a line of dialogue starts with none), since its prompt
    /// ended there. The separation below is the pane's, as the prompt never
    /// sees what follows the cursor: taken on a blank line right above a
    /// paragraph, the text (a whole candidate, or the first word or line of
    /// one) gets a line break after it, so it does not run into that
    /// paragraph: Fountain paragraphs are blank-line separated, and a
    /// transition or cue glued to the text above would turn into action.
    @discardableResult
    func insertSuggestionText(_ text: String) -> TextRange {
        state.completion = nil
        let start = state.selection.head
        state.selection = Selection(cursor: start)
        let line = start.line
        let onBlankLine = state.buffer[line].isEmpty
        func hasText(_ index: Int) -> Bool {
            index >= 0 && index < state.buffer.lineCount && !state.buffer[index].allSatisfy(\.isWhitespace)
        }
        let apart = onBlankLine && hasText(line + 1) && !text.hasSuffix("\n")
        editBufferAsPane { insertText(text + (apart ? "\n" : ""), origin: .ai) }
        guard apart else { return TextRange(start, state.selection.head) }
        // The cursor and the text's range end before the added break.
        let end = TextPosition(line: state.selection.head.line - 1, byte: state.buffer[state.selection.head.line - 1].utf8.count)
        state.selection = Selection(cursor: end)
        return TextRange(start, end)
    }

    private func editBufferAsPane(_ body: () -> Void) {
        suggestions.isEditingBuffer = true
        defer { suggestions.isEditingBuffer = false }
        body()
    }

    /// Called by `applyEdit` for every change: keeps the pending region and
    /// the request point in step, and marks candidates stale when the
    /// writer changes text before the request point.
    func suggestionsSawEdit(_ range: TextRange, insertedEnd: TextPosition) {
        suggestions.pending?.follow(range, insertedEnd: insertedEnd)
        guard suggestions.ticket != nil else { return }
        if !suggestions.isEditingBuffer, !suggestions.isStale, range.start < suggestions.anchor {
            suggestions.isStale = true
            if suggestions.isGenerating { pendingEffects.append(.suggestion(.stop)) }
        }
        suggestions.anchor = suggestions.anchor.mapped(throughReplacing: range, insertedEnd: insertedEnd, sticksToEnd: false)
    }

    /// A new document replaces the buffer: the request and any edit in progress end.
    func resetSuggestionsForNewDocument() {
        commitPendingSuggestion()
        closeSuggestionRequest()
    }
}
