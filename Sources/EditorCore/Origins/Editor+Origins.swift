import Provenance

// MARK: - Provenance: who wrote each span (the rule is ScriptOrigins.replace's)

extension Editor {
    /// Inserts `text` at the cursor (over the selection, if any) as one undo
    /// step, its characters marked `origin`. `.human` text follows the
    /// writer rule, as if typed; ai and ai-edited text leave the origins
    /// around it alone.
    func insertText(_ text: String, origin: Origin) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        guard !normalized.isEmpty || !state.selection.isEmpty else { return }
        state.history.close()
        replaceSelection(with: normalized, kind: .single,
                         origins: origin == .human ? .writer : .marked(OriginSpans(origin, over: normalized)))
        state.history.close()
    }

    /// Removes `range` as one undo step without it counting as the writer's
    /// edit (a cancelled suggestion's pending text): the origins around it
    /// stay as they are, where a writer's delete would mark a cut AI run
    /// ai-edited.
    func removeText(_ range: TextRange) {
        let range = TextRange(state.buffer.clamp(range.start), state.buffer.clamp(range.end))
        guard !range.isEmpty else { return }
        state.history.close()
        applyStep([(range, "")], origins: .marked(OriginSpans())) { _ in Selection(cursor: range.start) }
    }

    /// Origin runs of one line, for drawing (columns in the line's characters).
    func origins(ofLine line: Int) -> [OriginRun] {
        guard line >= 0, line < state.buffer.lineCount else { return [] }
        return state.origins[line].runs(in: state.buffer[line])
    }

    /// The origins of every line, in step with `text`'s lines.
    public var scriptOrigins: ScriptOrigins { state.origins }

    /// Takes origins read from the sidecar (after `open`). Ignored, with
    /// false, when the line count does not match the buffer: the caller
    /// re-anchors first.
    @discardableResult
    public func adoptOrigins(_ origins: ScriptOrigins) -> Bool {
        guard origins.lineCount == state.buffer.lineCount else { return false }
        // Layout does not depend on origins (they are read at draw time).
        state.origins = origins
        return true
    }
}

// MARK: - Colouring by origin (F12)

extension Editor {
    func toggleOriginColours() {
        state.showOrigins.toggle()
        guard state.showOrigins else { return showMessage("Origin colours off") }
        let counts = ProvenanceReport(document: syntax.document, origins: state.origins).total
        showMessage("Origins: \(counts.aiLines) AI, \(counts.aiEditedLines) AI-edited, \(counts.humanLines) human lines")
    }

    /// The style a glyph of `origin` is drawn in while origins are shown.
    static func role(for origin: Origin) -> StyleRole {
        switch origin {
        case .human: .humanText
        case .ai: .aiText
        case .aiEdited: .aiEditedText
        }
    }

    /// Whether the buffer is coloured by origin.
    public var showsOrigins: Bool { state.showOrigins }
}
