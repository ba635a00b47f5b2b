/// A scene heading or a section in the outline (go-to-scene picker).
struct OutlineItem: Equatable {
    /// Source line of the heading.
    var line: Int
    var title: String
    /// 1-based scene number (the explicit `#n#` when written), 0 for sections.
    var number: String
    /// Section depth (1 for `#`), or the enclosing section depth for scenes.
    var depth: Int
    var isSection: Bool
}
