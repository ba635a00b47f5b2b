@testable import EditorCore
import Testing
import Fountain
import Provenance

/// The suggestion pane driven by keys and synthetic updates, as the glue
/// would send them: request, stream, take, edit, reject, stop, stale.
@Suite("Suggestion pane")
struct SuggestionPaneTests {
    static let scene = """
    INT. VAULT - NIGHT

    Marlowe kneels at the dial.

    VERA
    We're out of time.

    |
    """

    /// Presses `key` and returns the suggestion effects it raised.
    @discardableResult
    func press(_ editor: Editor, _ key: Key, _ modifiers: KeyModifiers = []) -> [SuggestionEffect] {
        editor.handle(.key(key, modifiers)).compactMap { if case .suggestion(let work) = $0 { work } else { nil } }
    }

    func type(_ editor: Editor, _ text: String) {
        for character in text { _ = editor.handle(.key(.text(String(character)))) }
    }

    /// ^Space; returns the query sent.
    func request(_ editor: Editor) throws -> SuggestionQuery {
        let effects = press(editor, .ctrl(" "))
        guard case .request(let query)? = effects.last else {
            Issue.record("no request in \(effects)")
            throw Failure()
        }
        return query
    }

    struct Failure: Error {}

    func stream(_ editor: Editor, _ ticket: Int, _ index: Int, _ text: String, _ status: PaneCandidate.Status = .streaming, rate: Double? = nil) {
        editor.applySuggestionUpdate(.candidate(ticket: ticket, index: index, text: text, status: status, tokensPerSecond: rate))
    }

    /// An editor with three finished candidates.
    func editorWithCandidates(_ texts: [String] = ["MARLOWE\nTwo more turns.", "The alarm light blinks red.", "VERA\nGo. Now."],
                              status: PaneCandidate.Status = .done) throws -> (Editor, Int) {
        let editor = EditorNotation.editor(Self.scene, width: 120, height: 40)
        let query = try request(editor)
        for (index, text) in texts.enumerated() { stream(editor, query.ticket, index, text, status) }
        return (editor, query.ticket)
    }

    func decisions(_ effects: [SuggestionEffect]) -> [Int: PaneDecision] {
        var result: [Int: PaneDecision] = [:]
        for case .decision(_, let index, let outcome) in effects { result[index] = outcome }
        return result
    }

    func screen(_ editor: Editor, width: Int = 120, height: Int = 40) -> String {
        let frame = editor.render(width: width, height: height)
        return (0..<frame.grid.height).map { frame.grid.text(ofRow: $0) }.joined(separator: "\n")
    }

    // MARK: Request and stream

    @Test func requestCarriesTheScriptAndCursorInCharacters() throws {
        let editor = EditorNotation.editor("INT. CAFÉ - DAY\n\nLéa sips|", width: 120, height: 40)
        editor.suggestionOptions = SuggestionOptions(count: 4, regenerateOnReject: false)
        let query = try request(editor)
        #expect(query.script == "INT. CAFÉ - DAY\n\nLéa sips")
        #expect(query.cursorLine == 2)
        #expect(query.cursorColumn == 8)
        #expect(query.count == 4)
        #expect(editor.suggestionCandidates.map(\.status) == Array(repeating: .queued, count: 4))
        #expect(screen(editor).contains("1 ▸ reading the script…"))
    }

    @Test func candidatesStreamIntoThePaneWithStateAndRate() throws {
        let editor = EditorNotation.editor(Self.scene, width: 120, height: 40)
        let query = try request(editor)
        stream(editor, query.ticket, 0, "MARLOWE\nTwo more", rate: 41.6)
        stream(editor, query.ticket, 1, "The alarm light blinks red.", .done)
        stream(editor, query.ticket, 2, "", .failed("server said no"))
        // A late update of an older request changes nothing.
        stream(editor, query.ticket - 1, 0, "stale text", .done)
        let text = screen(editor)
        #expect(text.contains("1 ▸ streaming · 42 tok/s"))
        #expect(text.contains("Two more"))
        #expect(text.contains("2   done"))
        #expect(text.contains("3   error: server said no"))
        #expect(!text.contains("stale text"))
        #expect(text.contains("42 tok/s"), "the rate shows")
        editor.applySuggestionUpdate(.acceptanceRate(2.0 / 3.0))
        #expect(screen(editor).contains("67% kept"), "the acceptance rate shows in the status bar")
    }

    @Test func longCandidatesWrapToThePaneWidth() throws {
        let long = "Marlowe presses his ear to the cold steel and counts the clicks under his breath, slower each time."
        let (editor, _) = try editorWithCandidates([long])
        let rows = screen(editor).components(separatedBy: "\n")
        let paneLeft = 120 - min(44, 120 * 3 / 10)
        let paneRows = rows.map { String($0.dropFirst(paneLeft)) }
        #expect(paneRows.contains { $0.contains("Marlowe presses") })
        #expect(paneRows.contains { $0.contains("breath, slower") || $0.contains("slower each time.") })
        #expect(paneRows.allSatisfy { $0.count <= 44 })
    }

    // MARK: Taking text

    @Test func acceptWholeInsertsAtTheCursorAsOneUndoStep() throws {
        let (editor, ticket) = try editorWithCandidates()
        _ = press(editor, .ctrl("n"))
        let effects = press(editor, .ctrl("t"))
        #expect(editor.text.hasSuffix("We're out of time.\n\nThe alarm light blinks red."))
        #expect(effects.contains(.decision(ticket: ticket, index: 1, outcome: .accepted)))
        #expect(decisions(effects)[0] == .ignored && decisions(effects)[2] == .ignored, "the others were shown and left")
        #expect(editor.suggestionCandidates.isEmpty, "the request is closed")
        _ = press(editor, .ctrl("u"))
        #expect(editor.text == EditorNotation.parse(Self.scene).text)
    }

    @Test func acceptWhileStreamingStopsAndCountsAsPart() throws {
        let (editor, ticket) = try editorWithCandidates(["The alarm", "x", "y"], status: .streaming)
        let effects = press(editor, .ctrl("t"))
        #expect(effects.contains(.decision(ticket: ticket, index: 0, outcome: .acceptedPart("The alarm"))))
        #expect(effects.contains(.stop))
    }

    @Test func nextWordAndNextLineTakePiecesAndTheRestStaysOffered() throws {
        let (editor, ticket) = try editorWithCandidates(["MARLOWE\nTwo more turns.\nThen we run.", "b", "c"])
        _ = press(editor, .function(5))
        #expect(editor.text.hasSuffix("\n\nMARLOWE\n"))
        _ = press(editor, .function(4))
        let secondWord = press(editor, .function(4))
        #expect(editor.text.hasSuffix("\n\nMARLOWE\nTwo more"))
        // Each piece is logged at once (a crash loses none); the candidate stays open.
        #expect(decisions(secondWord)[0] == .acceptedPart("MARLOWE\nTwo more"))
        #expect(editor.suggestionCandidates.first?.text == " turns.\nThen we run.")
        #expect(screen(editor).contains("part taken"))
        // Moving on to a new request records the part taken.
        let effects = press(editor, .ctrl(" "))
        #expect(decisions(effects)[0] == .acceptedPart("MARLOWE\nTwo more"))
        #expect(decisions(effects)[1] == .ignored)
        _ = ticket
    }

    @Test func aWordStillStreamingIsNotTakenHalfWritten() throws {
        let (editor, ticket) = try editorWithCandidates(["Two mo", "b", "c"], status: .streaming)
        _ = press(editor, .function(4))
        #expect(editor.text.hasSuffix("\n\nTwo"))
        _ = press(editor, .function(4))
        #expect(editor.text.hasSuffix("\n\nTwo"), "\"mo\" may be the start of \"more\"")
        stream(editor, ticket, 0, "Two more turns.", .done)
        _ = press(editor, .function(4))
        #expect(editor.text.hasSuffix("\n\nTwo more"))
    }

    @Test func aWholeCandidateTakenAboveAParagraphStaysApartFromIt() throws {
        let editor = EditorNotation.editor("INT. VAULT - NIGHT\n\n|\nVera laughs.", width: 120, height: 40)
        let query = try request(editor)
        stream(editor, query.ticket, 0, "Marlowe turns the dial.", .done)
        _ = press(editor, .ctrl("e"))
        #expect(editor.text == "INT. VAULT - NIGHT\n\nMarlowe turns the dial.\n\nVera laughs.")
        #expect(editor.pendingSuggestionText == "Marlowe turns the dial.")
        type(editor, " Twice.")
        #expect(editor.pendingSuggestionText == "Marlowe turns the dial. Twice.")
    }

    @Test func wordsTakenAboveATransitionLeaveItATransition() throws {
        let editor = EditorNotation.editor("INT. VAULT - NIGHT\n\nVera laughs.\n|\n> FADE OUT.", width: 120, height: 40)
        let query = try request(editor)
        // On the blank line right under a paragraph the assistant's candidate starts a new element.
        stream(editor, query.ticket, 0, "\nMarlowe turns the dial.", .done)
        _ = press(editor, .function(4))
        _ = press(editor, .function(4))
        #expect(editor.text == "INT. VAULT - NIGHT\n\nVera laughs.\n\nMarlowe turns\n\n> FADE OUT.")
        #expect(FountainDocument(parsing: editor.text).elements.last?.kind == .transition)
        // Its own paragraph: the action above is untouched, and undo takes it all out.
        #expect(FountainDocument(parsing: editor.text).elements.filter { $0.kind == .action }.count == 2)
        _ = press(editor, .ctrl("u"))
        _ = press(editor, .ctrl("u"))
        #expect(editor.text == "INT. VAULT - NIGHT\n\nVera laughs.\n\n> FADE OUT.")
    }

    @Test func aLineTakenUnderACueStaysDialogue() throws {
        let editor = EditorNotation.editor("INT. VAULT - NIGHT\n\nMARLOWE\n|\n\nVera laughs.", width: 120, height: 40)
        let query = try request(editor)
        stream(editor, query.ticket, 0, "Two more turns.", .done)
        _ = press(editor, .ctrl("t"))
        #expect(editor.text == "INT. VAULT - NIGHT\n\nMARLOWE\nTwo more turns.\n\nVera laughs.")
    }

    @Test func aNewElementTakenOnTheBlankLineUnderAParagraphIsSeparatedAboveAndBelow() throws {
        // Between two paragraphs, and under the last one.
        for (before, after) in [("INT. VAULT - NIGHT\n\nVera laughs.\n|\nMarlowe waits.",
                                 "INT. VAULT - NIGHT\n\nVera laughs.\n\nThe dial clicks.\n\nMarlowe waits."),
                                ("INT. VAULT - NIGHT\n\nVera laughs.\n|", "INT. VAULT - NIGHT\n\nVera laughs.\n\nThe dial clicks.")] {
            let editor = EditorNotation.editor(before, width: 120, height: 40)
            let query = try request(editor)
            stream(editor, query.ticket, 0, "\nThe dial clicks.", .done)
            _ = press(editor, .ctrl("t"))
            #expect(editor.text == after)
            #expect(FountainDocument(parsing: editor.text).elements.filter { $0.kind == .action }.count == (after.hasSuffix("waits.") ? 3 : 2))
            #expect(editor.state.selection.head.line == 4, "the cursor ends after the new element")
            _ = press(editor, .ctrl("u"))
            #expect(editor.text == before.replacingOccurrences(of: "|", with: ""), "one undo step")
        }
    }

    @Test func moreSpeechTakenOnTheBlankLineUnderDialogueStaysInTheBlock() throws {
        let editor = EditorNotation.editor("INT. VAULT - NIGHT\n\nVERA\nWe go now.\n|\nMarlowe waits.", width: 120, height: 40)
        let query = try request(editor)
        // Under a line of speech the assistant's candidate continues it (no leading break).
        stream(editor, query.ticket, 0, "Before the guard comes back.", .done)
        _ = press(editor, .ctrl("t"))
        #expect(editor.text == "INT. VAULT - NIGHT\n\nVERA\nWe go now.\nBefore the guard comes back.\n\nMarlowe waits.")
        let kinds = FountainDocument(parsing: editor.text).elements.map(\.kind)
        #expect(kinds.filter { $0 == .dialogue }.count == 1, "one speech, two lines")
        #expect(kinds.last == .action)
    }

    @Test func aDroppedSlotRefilledShowsAgain() throws {
        let (editor, ticket) = try editorWithCandidates()
        editor.applySuggestionUpdate(.dropped(ticket: ticket, index: 1, reason: "duplicate"))
        #expect(editor.suggestionCandidates.map(\.index) == [0, 2])
        stream(editor, ticket, 1, "A fresh line.", .streaming)
        #expect(editor.suggestionCandidates.map(\.index) == [0, 1, 2])
        #expect(editor.suggestionCandidates[1].text == "A fresh line.")
    }

    @Test func takingPieceByPieceToTheEndIsAWholeAccept() throws {
        let (editor, ticket) = try editorWithCandidates(["Go now.", "b", "c"])
        _ = press(editor, .function(4))
        let effects = press(editor, .function(4))
        #expect(editor.text.hasSuffix("\n\nGo now."))
        #expect(effects.contains(.decision(ticket: ticket, index: 0, outcome: .accepted)))
        #expect(editor.suggestionCandidates.isEmpty)
    }

    // MARK: Editing a candidate in place

    @Test func editTakesThePendingRegionAndCommitLogsTheFinalText() throws {
        let (editor, ticket) = try editorWithCandidates()
        _ = press(editor, .ctrl("n"))
        _ = press(editor, .ctrl("e"))
        #expect(editor.pendingSuggestionText == "The alarm light blinks red.")
        // The writer edits freely inside the region: the end, then the middle.
        _ = press(editor, .backspace)
        type(editor, "!")
        for _ in 0..<5 { _ = press(editor, .left) }  // just after "blinks"
        _ = press(editor, .left, .control)              // before it
        type(editor, "slowly ")
        #expect(editor.pendingSuggestionText == "The alarm light slowly blinks red!")
        let frame = editor.render(width: 120, height: 40)
        let marked = frame.grid.cells.filter { $0.role == .aiText && $0.attributes.contains(.underline) }
        #expect(marked.count == "The alarm light slowly blinks red!".count, "the region is highlighted")
        let effects = press(editor, .ctrl("e"))
        #expect(effects == [.decision(ticket: ticket, index: 1, outcome: .edited(final: "The alarm light slowly blinks red!"))])
        #expect(editor.pendingSuggestionText == nil)
        #expect(editor.text.hasSuffix("The alarm light slowly blinks red!"))
        // The other candidates are still offered.
        #expect(editor.suggestionCandidates.map(\.index) == [0, 2])
    }

    @Test func editKeptUnchangedIsAnAccept() throws {
        let (editor, ticket) = try editorWithCandidates()
        _ = press(editor, .ctrl("e"))
        let effects = press(editor, .ctrl("t"))
        #expect(effects == [.decision(ticket: ticket, index: 0, outcome: .accepted)])
    }

    @Test func rejectWhileEditingRemovesTheRegion() throws {
        let (editor, ticket) = try editorWithCandidates()
        let before = editor.text
        _ = press(editor, .ctrl("e"))
        type(editor, " Fast.")
        let effects = press(editor, .function(7))
        #expect(editor.text == before)
        #expect(effects == [.decision(ticket: ticket, index: 0, outcome: .rejected)])
    }

    // MARK: Rejecting and stopping

    @Test func rejectRegeneratesTheSlotWhenConfigured() throws {
        let (editor, ticket) = try editorWithCandidates()
        _ = press(editor, .ctrl("n"))
        let effects = press(editor, .function(7))
        #expect(effects == [.decision(ticket: ticket, index: 1, outcome: .rejected), .regenerate(ticket: ticket, index: 1)])
        #expect(editor.suggestionCandidates.map(\.status) == [.done, .queued, .done])
        stream(editor, ticket, 1, "A dog barks outside.", .done)
        #expect(editor.suggestionCandidates[1].text == "A dog barks outside.")
    }

    @Test func rejectWithoutRegenerationHidesTheSlotAndMovesFocus() throws {
        let editor = EditorNotation.editor(Self.scene, width: 120, height: 40)
        editor.suggestionOptions = SuggestionOptions(count: 3, regenerateOnReject: false)
        let query = try request(editor)
        for index in 0..<3 { stream(editor, query.ticket, index, "text \(index)", .done) }
        let effects = press(editor, .function(7))
        #expect(effects == [.decision(ticket: query.ticket, index: 0, outcome: .rejected)])
        #expect(editor.suggestionCandidates.map(\.index) == [1, 2])
        #expect(editor.focusedSuggestion == 1)
    }

    @Test func rejectAllLogsEachAndAsksAgainWithTheSameDirection() throws {
        let editor = EditorNotation.editor(Self.scene, width: 120, height: 40)
        _ = press(editor, .ctrl("d"))
        type(editor, "Vera lies")
        let first = press(editor, .enter)
        guard case .request(let query)? = first.first else { throw Failure() }
        #expect(query.direction == "Vera lies")
        #expect(screen(editor).contains("Direction: Vera lies"))
        stream(editor, query.ticket, 0, "a", .done)
        stream(editor, query.ticket, 1, "b", .done)
        let effects = press(editor, .function(8))
        #expect(decisions(effects) == [0: .rejected, 1: .rejected])
        guard case .request(let again)? = effects.last else { throw Failure() }
        #expect(again.direction == "Vera lies")
        #expect(again.ticket != query.ticket)
    }

    @Test func stopStopsGenerationAndMarksCandidates() throws {
        let (editor, _) = try editorWithCandidates(["a", "b", "c"], status: .streaming)
        #expect(press(editor, .function(6)) == [.stop])
        #expect(editor.suggestionCandidates.map(\.status) == [.stopped, .stopped, .stopped])
        #expect(press(editor, .function(6)).isEmpty)
    }

    @Test func stopFocusedStopsOnlyThatCandidateAndItStaysTakeable() throws {
        let (editor, ticket) = try editorWithCandidates(["a", "The dial", "c"], status: .streaming)
        _ = press(editor, .ctrl("n"))
        #expect(press(editor, .function(6), .shift) == [.stopCandidate(ticket: ticket, index: 1)])
        #expect(editor.suggestionCandidates.map(\.status) == [.streaming, .stopped, .streaming])
        #expect(screen(editor).contains("Suggestion 2 stopped; the others go on"))
        #expect(screen(editor).contains("2 ▸ stopped"))
        // Tokens already on their way do not bring it back to streaming.
        stream(editor, ticket, 1, "The dial turns", .streaming)
        #expect(editor.suggestionCandidates[1].status == .stopped)
        #expect(press(editor, .function(6), .shift).isEmpty, "already stopped")
        // The others stream on; F6 still stops them all.
        stream(editor, ticket, 0, "a b", .streaming)
        #expect(editor.suggestionCandidates[0].text == "a b")
        #expect(press(editor, .function(6)) == [.stop])
        // The stopped candidate's text is taken like any other.
        let effects = press(editor, .ctrl("t"))
        #expect(editor.text.hasSuffix("The dial turns"))
        #expect(decisions(effects)[1] == .accepted)
    }

    @Test func focusMovesBetweenOpenCandidatesAndWraps() throws {
        let (editor, ticket) = try editorWithCandidates()
        #expect(editor.focusedSuggestion == 0)
        _ = press(editor, .ctrl("p"))
        #expect(editor.focusedSuggestion == 2)
        editor.applySuggestionUpdate(.dropped(ticket: ticket, index: 0, reason: "duplicate"))
        _ = press(editor, .ctrl("n"))
        #expect(editor.focusedSuggestion == 1)
        _ = press(editor, .ctrl("n"))
        #expect(editor.focusedSuggestion == 2)
    }

    // MARK: Stale candidates

    @Test func editingAboveTheRequestPointMakesCandidatesStale() throws {
        let (editor, _) = try editorWithCandidates(["a", "b", "c"], status: .streaming)
        // Typing at the request point is fine: the writer keeps writing.
        type(editor, "He")
        #expect(!editor.suggestionsAreStale)
        _ = press(editor, .home, .control)
        let effects = press(editor, .delete)
        #expect(editor.suggestionsAreStale)
        #expect(effects.contains(.stop))
        #expect(screen(editor).contains("Stale"))
        #expect(press(editor, .ctrl("t")).isEmpty, "a stale candidate cannot be taken")
        // It can still be rejected (feedback), without regenerating.
        #expect(press(editor, .function(7)).count == 1)
    }

    // MARK: Direction, character, availability

    @Test func characterPromptCompletesFromTheCastAndAsksForTheirLine() throws {
        let editor = EditorNotation.editor("INT. VAULT - NIGHT\n\nVERA\nGo.\n\nVERNON\nNo.\n\nMARLOWE\nWait.\n\n|", width: 120, height: 40)
        _ = press(editor, .function(5), .shift)
        type(editor, "ve")
        #expect(screen(editor).contains("VERA VERNON") || screen(editor).contains("VERNON VERA"))
        _ = press(editor, .tab)
        let first = editor.state.prompt?.input
        _ = press(editor, .tab)
        let second = editor.state.prompt?.input
        #expect(Set([first, second]) == Set(["VERA", "VERNON"]))
        _ = press(editor, .tab)
        #expect(editor.state.prompt?.input == first, "Tab cycles through the matches of what was typed")
        let effects = press(editor, .enter)
        guard case .request(let query)? = effects.first else { throw Failure() }
        #expect(query.character == first)
        #expect(screen(editor).contains("Line for \(first!)"))
    }

    @Test func noModelSaysHowToGetOneAndEditingWorks() throws {
        let editor = EditorNotation.editor(Self.scene, width: 120, height: 40)
        editor.applySuggestionUpdate(.backend(name: "No model installed: run `intercut model install`", available: false))
        #expect(press(editor, .ctrl(" ")).isEmpty)
        let text = screen(editor)
        #expect(text.contains("intercut model install"))
        type(editor, "Vera laughs.")
        #expect(editor.text.hasSuffix("Vera laughs."))
    }

    @Test func failedRequestShowsItsMessage() throws {
        let editor = EditorNotation.editor(Self.scene, width: 120, height: 40)
        let query = try request(editor)
        editor.applySuggestionUpdate(.failed(ticket: query.ticket, message: "cannot reach http://127.0.0.1:9"))
        #expect(screen(editor).contains("cannot reach http://127.0.0.1:9"))
    }

    @Test func narrowScreenShowsTheFocusedCandidateInTheStatusBar() throws {
        let (editor, _) = try editorWithCandidates()
        let frame = editor.render(width: 80, height: 24)
        #expect(frame.grid.text(ofRow: 23).contains("[1/3] MARLOWE"))
    }

    @Test func finishingLogsWhatIsOwed() throws {
        let (editor, ticket) = try editorWithCandidates()
        _ = press(editor, .function(4))
        _ = press(editor, .ctrl("n"))
        _ = press(editor, .ctrl("e"))
        let effects = editor.finishSuggestions().compactMap { if case .suggestion(let work) = $0 { work } else { nil } }
        #expect(decisions(effects) == [0: .acceptedPart("MARLOWE"), 1: .accepted, 2: .ignored])
        #expect(effects.allSatisfy { if case .decision(let t, _, _) = $0 { t == ticket } else { true } })
    }

    @Test func everySuggestionCommandIsInHelpAndRebindable() throws {
        let names = ["suggest", "suggestion_next", "suggestion_previous", "suggestion_accept", "suggestion_accept_word",
                     "suggestion_accept_line", "suggestion_edit", "suggestion_reject", "suggestion_reject_all",
                     "suggestion_stop", "suggestion_stop_focused", "suggestion_direction", "suggestion_for_character"]
        let editor = Editor(document: Document(path: nil, text: ""), keymapOverrides: ["suggest": "f9"])
        for name in names {
            let entry = editor.helpEntries.first { $0.command == name }
            #expect(entry?.keys.isEmpty == false, "\(name) has a key")
            #expect(entry.map { !$0.keys.contains { $0.hasPrefix("M-") } } == true, "\(name) works without Alt")
        }
        #expect(editor.keymap.command(for: KeyBinding(.function(9))) == "suggest")
        #expect(editor.keymap.command(for: KeyBinding(.ctrl(" "))) == nil)
    }

    @Test func openingAnotherDocumentClosesTheRequest() throws {
        let (editor, ticket) = try editorWithCandidates()
        editor.open(Document(path: "/tmp/other.fountain", text: "FADE IN:"))
        let effects = press(editor, .right)
        #expect(decisions(effects) == [0: .ignored, 1: .ignored, 2: .ignored])
        #expect(effects.allSatisfy { if case .decision(let t, _, _) = $0 { t == ticket } else { true } })
        // The decisions on the old script go first, then its new path.
        #expect(effects.last == .scriptPath("/tmp/other.fountain", savedAs: false))
        #expect(editor.suggestionCandidates.isEmpty)
    }

    @Test func savingUnderANewNameKeepsTheCandidatesAndTellsTheGlue() throws {
        let (editor, _) = try editorWithCandidates()
        #expect(editor.didSave(path: "/tmp/renamed.fountain") == [.suggestion(.scriptPath("/tmp/renamed.fountain", savedAs: true))])
        #expect(editor.didSave(path: "/tmp/renamed.fountain").isEmpty, "a plain save is not a rename")
        #expect(editor.suggestionCandidates.count == 3, "the same script: its candidates are still good")
        let untitled = Editor()
        _ = untitled.handle(.key(.text("x")))
        #expect(untitled.didSave(path: "/tmp/first.fountain") == [.suggestion(.scriptPath("/tmp/first.fountain", savedAs: true))])
        // Reopening the same file (journal recovery) is no move.
        untitled.open(Document(path: "/tmp/first.fountain", text: "y"), markModified: true)
        #expect(untitled.takePendingEffects().isEmpty)
    }
}

/// Taken text carries its origin: AI, and AI-edited once the writer changes it.
@Suite("Suggestion provenance")
struct SuggestionProvenanceTests {
    @Test func takenTextIsMarkedAIAndEditsInsideMakeItAIEdited() throws {
        let editor = EditorNotation.editor("INT. VAULT - NIGHT\n\n|", width: 120, height: 40)
        let effects = editor.handle(.key(.ctrl(" ")))
        guard case .suggestion(.request(let query))? = effects.last else { Issue.record("no request"); return }
        editor.applySuggestionUpdate(.candidate(ticket: query.ticket, index: 0, text: "Vera waits.", status: .done, tokensPerSecond: nil))
        _ = editor.handle(.key(.ctrl("e")))
        #expect(editor.origins(ofLine: 2).map(\.origin) == [.ai])
        _ = editor.handle(.key(.backspace))
        _ = editor.handle(.key(.text("!")))
        #expect(editor.origins(ofLine: 2).first?.origin == .aiEdited, "the writer changed the AI text")
    }
}
