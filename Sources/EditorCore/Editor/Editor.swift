import Foundation

/// The owner of all editing state: buffer, cursor, selection, history,
/// clipboard, prompts and layout. Not thread-safe: call it from the UI loop.
///
/// The UI loop feeds `handle(_:)` with decoded input, performs the returned
/// effects, and draws `render(width:height:)`. Nothing here touches a
/// terminal or a file.
public final class Editor {
    /// The document as opened (path, line ending, BOM); its `text` is the
    /// text at open or last save.
    public internal(set) var document: Document
    public private(set) var keymap: Keymap
    /// One-line messages about config overrides that could not be applied.
    public private(set) var keymapErrors: [String] = []
    /// Emit `.copyToSystemClipboard` (OSC 52) on copy and cut.
    public var systemClipboard = false
    /// Suggestion settings from config (`[suggestions]`).
    public var suggestionOptions = SuggestionOptions()
    /// Incremented on every change to the text; the recovery journal writes
    /// when it differs from the last one written.
    public internal(set) var revision = 0
    /// The history step at open or last save (-1: never saved as it is).
    var savedStepID = 0

    var state = EditorState(text: "")
    var syntax = FountainSyntax(lines: [""])
    var layoutCache = LayoutCache(lineCount: 1)
    /// Set by "save and quit": `didSave` then answers `.quit`.
    var quitAfterSave = false
    var paginationTracker = PaginationTracker()
    var geometryCache: PageGeometry?
    /// The last frame's grid, reused for the next frame's cells.
    var spareGrid: CellGrid?
    /// The cursor line when layouts were last fetched (see `lineLayout`).
    var lastLaidOutCursorLine: Int?

    var pendingEffects: [EditorEffect] = []
    /// The suggestion pane: candidates, focus, an edit in progress.
    var suggestions = SuggestionPane()
    var lastSize = (width: 80, height: 24)

    public init(document: Document = Document(path: nil, text: ""), keymapOverrides: [String: String] = [:]) {
        self.document = document
        var keymap = Keymap.standard
        keymapErrors = keymap.apply(overrides: keymapOverrides, knownCommands: Set(CommandTable.all.map(\.name)))
        self.keymap = keymap
        load(document)
    }

    /// Whether the text differs from the last open or save (undoing back to
    /// the saved text clears it).
    public var isModified: Bool { state.history.currentID != savedStepID }

    /// The current text, "\n" line endings.
    public var text: String { currentText() }

    /// The bytes a save would write now (line ending and BOM as opened).
    public var documentBytes: Data { Data(syntax.document.bytes) }

    /// Replaces the buffer with a freshly read document; clears history.
    /// `markModified` (e.g. text recovered from the journal) makes the buffer
    /// count as unsaved, so quitting asks and the title shows [+].
    public func open(_ document: Document, markModified: Bool = false) {
        resetSuggestionsForNewDocument()
        if document.path != self.document.path {
            pendingEffects.append(.suggestion(.scriptPath(document.path, savedAs: false)))
        }
        self.document = document
        load(document)
        if markModified { savedStepID = -1 }
    }

    /// The UI loop wrote the file: mark the buffer unmodified. Returns
    /// `.quit` when the save was the first half of "save and quit", and
    /// `.suggestion(.scriptPath(…))` first when the file has a new name.
    @discardableResult
    public func didSave(path: String) -> [EditorEffect] {
        let renamed: [EditorEffect] = path != document.path ? [.suggestion(.scriptPath(path, savedAs: true))] : []
        document.path = path
        document.text = currentText()
        // Typing after a save starts a new step, so the saved state has its own id.
        state.history.close()
        savedStepID = state.history.currentID
        showMessage("Saved \((path as NSString).lastPathComponent)")
        if quitAfterSave {
            quitAfterSave = false
            return renamed + [.quit]
        }
        return renamed
    }

    /// The file changed on disk since it was opened: ask before overwriting.
    public func saveConflict(path: String) {
        beginConfirm("File changed on disk: overwrite? (y/n)") { editor, yes in
            if yes {
                editor.pendingEffects.append(.save(path: path, bytes: editor.documentBytes, overwriteChangedFile: true))
            } else {
                editor.showMessage("Not saved")
            }
        }
    }

    /// Asks a yes/no question in the minibuffer; the answer comes back as
    /// `.answer(id:yes:)` from a later `handle(_:)`.
    public func ask(_ question: String, id: String) {
        beginConfirm(question) { editor, yes in editor.pendingEffects.append(.answer(id: id, yes: yes)) }
    }

    public func showMessage(_ text: String) { setMessage(text, isError: false) }
    /// Shows an error (e.g. a failed save); cancels a pending save-and-quit.
    public func showError(_ text: String) {
        quitAfterSave = false
        setMessage(text, isError: true)
    }

    /// The effects raised so far (by `handle`, or outside it by `open`), handed
    /// over once.
    func takePendingEffects() -> [EditorEffect] {
        defer { pendingEffects.removeAll(keepingCapacity: true) }
        return pendingEffects
    }

    /// Handles one input event; returns what the UI loop must do.
    /// Effects raised outside `handle` (decisions owed when `open` replaces
    /// the document) go out with the next call.
    public func handle(_ event: InputEvent) -> [EditorEffect] {
        dispatch(event)
        return takePendingEffects()
    }

    /// Lays out and draws the whole screen into a fresh grid.
    public func render(width: Int, height: Int) -> Frame {
        lastSize = (width, height)
        return drawFrame(width: width, height: height)
    }

    /// Every command with its keys and doc, for F1 help (in keymap order).
    public var helpEntries: [HelpEntry] {
        CommandTable.all.map { command in
            HelpEntry(command: command.name, keys: keymap.keys(for: command.name).map(\.displayName), doc: command.doc)
        }
    }
}

/// One line of F1 help.
public struct HelpEntry: Sendable, Equatable {
    public var command: String
    public var keys: [String]
    public var doc: String
}
