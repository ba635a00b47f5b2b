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
    static let reference: [StyleRole: (offset: Int, width: Int)] = [
        .character: (20, 33), .parenthetical: (15, 26), .dialogue: (10, 36),
    ]

    /// Cells of the text area.
    let areaWidth: Int
    /// Left margin before the action column.
    let margin: Int
    /// The action column's width (61 when it fits).
    let actionWidth: Int
    private let columns: [StyleRole: Column]

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
        var columns: [StyleRole: Column] = [:]
        for (role, reference) in Self.reference {
            let offset = reference.offset * actionWidth / Self.pageActionWidth
            let width = max(1, min(reference.width * actionWidth / Self.pageActionWidth, actionWidth - offset))
            columns[role] = Column(offset: offset, width: width)
        }
        self.columns = columns
    }

    /// The column for an element, relative to the text area's left edge.
    func column(for role: StyleRole) -> Column {
        let relative = columns[role] ?? Column(offset: 0, width: actionWidth)
        return Column(offset: margin + relative.offset, width: relative.width)
    }

    /// The right edge (exclusive) of the action column: transitions end here.
    var actionRight: Int { margin + actionWidth }
}
