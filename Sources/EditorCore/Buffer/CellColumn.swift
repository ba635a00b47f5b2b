/// A column on screen counted in terminal cells from the text area's left
/// edge. A separate type from byte offsets (`TextPosition.byte`) so the two
/// cannot be mixed: a wide character is 3 or 4 bytes but 2 cells.
struct CellColumn: Hashable, Comparable {
    var value: Int

    init(_ value: Int) { self.value = value }

    static func < (lhs: CellColumn, rhs: CellColumn) -> Bool { lhs.value < rhs.value }
}
