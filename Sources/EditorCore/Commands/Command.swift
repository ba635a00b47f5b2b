/// One editor command: a name (used by keymaps and config), a one-line doc
/// (shown in F1 help) and the function that runs it.
struct Command: Sendable {
    let name: String
    let doc: String
    let run: @Sendable (Editor) -> Void
}
