/// A question in the minibuffer (the row above the status bar): a yes/no
/// confirmation, a line of input (find, replace, file name) or a picker
/// (the go-to-scene outline). The core owns it; the layout draws it.
struct Prompt {
    enum Kind {
        /// y/n question; the closure gets the answer.
        case confirm((Editor, Bool) -> Void)
        /// Incremental find; `origin` is where the search started.
        case find(origin: Selection)
        case replaceSearch
        case replaceWith(search: String)
        /// Stepping through matches: y replaces, n skips, a replaces all, Esc stops.
        case replaceStep(search: String, replacement: String, replaced: Int)
        case saveAs(thenQuit: Bool)
        case open
        /// Picker over the outline, filtered by the input.
        case outline(selected: Int)
        /// Quit with unsaved changes: save (y), discard (n), cancel (Esc).
        case quitUnsaved
        /// A one-line direction; Enter asks for suggestions with it.
        case suggestionDirection
        /// A character's name (Tab completes from the cast, again: the next
        /// match of what was typed); Enter asks for their next line.
        case suggestionCharacter(cycle: (typed: String, shown: String)?)
    }

    var kind: Kind
    var label: String
    var input = ""
    /// Byte offset of the cursor in `input`.
    var cursor = 0

    init(kind: Kind, label: String, input: String = "") {
        self.kind = kind
        self.label = label
        self.input = input
        cursor = input.utf8.count
    }

    var takesText: Bool {
        switch kind {
        case .confirm, .replaceStep, .quitUnsaved: false
        default: true
        }
    }
}
