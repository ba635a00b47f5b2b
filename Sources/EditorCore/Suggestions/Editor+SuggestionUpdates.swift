// MARK: - Updates from the glue: streamed text, states, failures, figures

extension Editor {
    /// Applies news from the suggestion machinery (UI thread; the glue posts
    /// it through the UI loop's queue). Stale tickets are ignored.
    public func applySuggestionUpdate(_ update: PaneUpdate) {
        switch update {
        case .candidate(let ticket, let index, let text, let status, let rate):
            guard ticket == suggestions.ticket, suggestions.candidates.indices.contains(index) else { return }
            if suggestions.candidates[index].isDropped {
                suggestions.candidates[index] = PaneCandidate(index: index)
            }
            guard !suggestions.candidates[index].isClosed else { return }
            var candidate = suggestions.candidates[index]
            candidate.text = text
            // A stop the pane already showed wins over a late "streaming".
            if !(candidate.status == .stopped && !status.isFinal) { candidate.status = status }
            if let rate { candidate.tokensPerSecond = rate }
            candidate.taken = min(candidate.taken, text.count)
            suggestions.candidates[index] = candidate
        case .dropped(let ticket, let index, _):
            guard ticket == suggestions.ticket, suggestions.candidates.indices.contains(index) else { return }
            guard !suggestions.candidates[index].isClosed else { return }
            suggestions.candidates[index].isClosed = true
            suggestions.candidates[index].isDropped = true
            if suggestions.focus == index { suggestions.moveFocus(by: 1) }
        case .failed(let ticket, let message):
            guard ticket == suggestions.ticket else { return }
            suggestions.failure = message
            for index in suggestions.openIndices where !suggestions.candidates[index].status.isFinal {
                suggestions.candidates[index].status = .failed(message)
            }
        case .acceptanceRate(let rate):
            suggestions.acceptanceRate = rate
        case .backend(let name, let available):
            suggestions.isAvailable = available
            if available {
                suggestions.backendName = name
                suggestions.unavailableReason = nil
            } else {
                suggestions.backendName = nil
                suggestions.unavailableReason = name
            }
        }
    }

    /// Ends the suggestion session (the editor is closing): the decisions
    /// still owed (an edit in progress is kept; open candidates are ignored
    /// or partly accepted) and a stop, for the glue to carry out.
    public func finishSuggestions() -> [EditorEffect] {
        commitPendingSuggestion()
        closeSuggestionRequest()
        defer { pendingEffects.removeAll(keepingCapacity: true) }
        return pendingEffects
    }

    /// What the pane is showing, for tests and the status bar: each open
    /// candidate's remaining text and status, in slot order.
    public var suggestionCandidates: [(index: Int, text: String, status: PaneCandidate.Status)] {
        suggestions.openIndices.map { (index: $0, text: String(suggestions.candidates[$0].remainder), status: suggestions.candidates[$0].status) }
    }

    /// The focused candidate's slot, if any.
    public var focusedSuggestion: Int? { suggestions.focused?.index }

    /// Whether the candidates no longer fit the script (edited above the request point).
    public var suggestionsAreStale: Bool { suggestions.isStale }

    /// The region of a candidate being edited, as text, if one is pending.
    public var pendingSuggestionText: String? {
        suggestions.pending.map { pending in
            let start = state.buffer.clamp(pending.start), end = state.buffer.clamp(pending.end)
            return start < end ? state.buffer.text(in: TextRange(start, end)) : ""
        }
    }
}
