/// Where each element sits in the text area: its left edge and width in
/// cells, scaled from the page (screenplay-layout.md).
///
/// On the page, action is 61 characters wide; character cues start 20
/// columns right of the action edge, parentheticals 15, dialogue 10, and a
/// transition ends at the action's right edge. When the text area is at least
/// 61 + 2 cells wide those columns are used as they are, with the page
/// centred; narrower areas scale every offset and width by width/61.
struct PageGeometry: Equatable {
    struct Column: Equatable {
        var offset: Int
        var width: Int
    }

    static let pageActionWidth = 61
    /// (offset from the action edge, width) on the page.
    static let characterColumn = (offset: 20, width: 33)
    static let parentheticalColumn = (offset: 15, width: 26)
    static let dialogueColumn = (offset: 10, width: 36)

    /// Cells of the text area.
    let areaWidth: Int
    /// Left margin before the action column.
    let margin: Int
    /// The action column's width (61 when it fits).
    let actionWidth: Int
    private let character: Column
    private let parenthetical: Column
    private let dialogue: Column
    private let action: Column

    init(areaWidth: Int) {
        self.areaWidth = max(1, areaWidth)
        let available = max(1, self.areaWidth - 2)
        if available >= Self.pageActionWidth {
            actionWidth = Self.pageActionWidth
            margin = (self.areaWidth - Self.pageActionWidth) / 2
        } else {
            actionWidth = available
            margin = self.areaWidth >= 3 ? 1 : 0
        }
        let actionWidth = actionWidth
        let margin = margin
        func scaled(_ reference: (offset: Int, width: Int)) -> Column {
            let offset = reference.offset * actionWidth / Self.pageActionWidth
            let width = max(1, min(reference.width * actionWidth / Self.pageActionWidth, actionWidth - offset))
            return Column(offset: margin + offset, width: width)
        }
        character = scaled(Self.characterColumn)
        parenthetical = scaled(Self.parentheticalColumn)
        dialogue = scaled(Self.dialogueColumn)
        action = Column(offset: margin, width: actionWidth)
    }

    /// The column for an element, relative to the text area's left edge.
    func column(for role: StyleRole) -> Column {
        switch role {
        case .character: character
        case .parenthetical: parenthetical
        case .dialogue: dialogue
        default: action
        }
    }

    /// The right edge (exclusive) of the action column: transitions end here.
    var actionRight: Int { margin + actionWidth }
}
