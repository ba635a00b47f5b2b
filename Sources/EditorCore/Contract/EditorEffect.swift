import Foundation

/// Work the UI loop must do outside the core after `Editor.handle(_:)`.
public enum EditorEffect: Sendable, Equatable {
    /// Write `bytes` to `path` atomically. Unless `overwriteChangedFile`, first
    /// check whether the file changed on disk since it was opened or last
    /// saved; if it did, do not write and call
    /// `Editor.saveConflict(path:)` (the core asks the writer and may emit a
    /// new `.save` with `overwriteChangedFile: true`). After writing call
    /// `Editor.didSave(path:)`, on failure `Editor.showError(_:)`.
    case save(path: String, bytes: Data, overwriteChangedFile: Bool)
    /// Read `path` and call `Editor.open(_:)` (or `showError`). A missing
    /// file opens as an empty document with that path.
    case open(path: String)
    case quit
    /// Suspend the process (SIGTSTP); redraw everything on resume.
    case suspend
    /// Put text on the system clipboard (OSC 52), only emitted when
    /// `Editor.systemClipboard` is on.
    case copyToSystemClipboard(String)
    case bell
    /// Repaint every cell (the screen may be corrupt).
    case redrawAll
    /// The writer answered a question asked through `Editor.ask(_:id:)`.
    case answer(id: String, yes: Bool)
    /// Work for the suggestion machinery (request, stop, regenerate, log a
    /// decision); the UI loop hands it to the glue that owns the backend.
    case suggestion(SuggestionEffect)
}
