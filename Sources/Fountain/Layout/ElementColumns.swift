/// Left edges (in 10 cpi columns from the paper's left edge) and widths of the
/// screenplay elements, per reference/screenplay-layout.md.
///
/// Dual dialogue uses two side-by-side columns about 0.75 as wide as the normal
/// ones; the right column ends at column 73, inside both Letter's and A4's action edge.
enum ElementColumns {
    static let action = 15
    static let character = 35
    static let parenthetical = 30
    static let dialogue = 25

    static let characterWidth = 33
    static let parentheticalWidth = 26
    static let dialogueWidth = 36

    /// One side of a dual-dialogue pair.
    struct DualSide {
        let character: Int
        let parenthetical: Int
        let dialogue: Int
    }

    static let dualLeft = DualSide(character: 22, parenthetical: 18, dialogue: 15)
    static let dualRight = DualSide(character: 53, parenthetical: 49, dialogue: 46)
    static let dualCharacterWidth = 25
    static let dualParentheticalWidth = 20
    static let dualDialogueWidth = 27
}
