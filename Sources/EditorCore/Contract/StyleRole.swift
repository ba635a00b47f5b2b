/// A semantic style a theme maps to colours. Emphasis is carried by
/// `CellAttributes`, not by roles.
public enum StyleRole: String, Sendable, CaseIterable, Hashable {
    // Fountain elements
    case sceneHeading, action, character, dialogue, parenthetical, transition
    case centered, lyrics, section, synopsis, note, boneyard, pageBreak, titlePage
    // Chrome
    case statusBar, statusBarAccent, paneBorder, paneTitle, paneText, paneFocus
    case selection, searchMatch, prompt, message, error, lineNumber, pageMarker
    case popup, popupSelected
    // Provenance colouring (F12): text by origin
    case aiText, aiEditedText, humanText
    /// Empty space; the terminal's default background.
    case background
}
