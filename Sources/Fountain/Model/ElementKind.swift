/// What a screenplay element is, with the data that only some kinds carry.
public enum ElementKind: Sendable, Hashable {
    /// A scene heading; `sceneNumber` is the text between the trailing `#…#`.
    case sceneHeading(sceneNumber: String?)
    case action
    /// Centered text (`>TEXT<`).
    case centered
    /// A speaker cue. `name` has no `@`, extension or `^`; `extension` is the
    /// parenthesized text after the name (without parentheses); `isDual` is
    /// true for the second speaker of a dual dialogue (the one with `^`).
    case character(name: String, extension: String?, isDual: Bool)
    case parenthetical
    case dialogue
    case transition
    case lyrics
    case pageBreak
    /// A section heading; `depth` is the number of `#` (1...).
    case section(depth: Int)
    case synopsis
    /// A note that stands alone as a paragraph (`[[ … ]]` only).
    case note
    /// A boneyard comment that stands alone as whole lines (`/* … */`).
    case boneyard

    /// The `type` name used by `intercut parse --json` and other tools.
    public var typeName: String {
        switch self {
        case .sceneHeading: "scene_heading"
        case .action: "action"
        case .centered: "centered"
        case .character: "character"
        case .parenthetical: "parenthetical"
        case .dialogue: "dialogue"
        case .transition: "transition"
        case .lyrics: "lyrics"
        case .pageBreak: "page_break"
        case .section: "section"
        case .synopsis: "synopsis"
        case .note: "note"
        case .boneyard: "boneyard"
        }
    }
}
