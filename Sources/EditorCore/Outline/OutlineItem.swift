/// A scene heading or a section in the outline (go-to-scene picker).
struct OutlineItem: Equatable {
    /// Source line of the heading.
    var line: Int
    var title: String
    /// 1-based scene number (the explicit `#n#` when written), 0 for sections.
    var number: String
    /// Indent in the picker: section depth - 1, or the enclosing section's depth for scenes.
    var depth: Int
    var isSection: Bool
    /// `#`-count of a section; the `#12A#` number written on a heading.
    var sectionDepth = 0
    var explicitNumber: String?

    /// Fills in scene numbers (explicit, else counting) and picker depths.
    static func number(_ items: inout [OutlineItem]) {
        var count = 0
        var depth = 0
        for index in items.indices {
            if items[index].isSection {
                depth = items[index].sectionDepth
                items[index].depth = max(0, depth - 1)
            } else {
                count += 1
                items[index].number = items[index].explicitNumber ?? String(count)
                items[index].depth = depth
            }
        }
    }
}
