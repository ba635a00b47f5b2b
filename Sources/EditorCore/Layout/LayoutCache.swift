/// Laid-out lines, one slot per source line, filled lazily as lines are
/// shown and dropped when their text, style or the geometry changes.
struct LayoutCache {
    private var slots: [LineLayout?]
    private(set) var geometry: PageGeometry?

    init(lineCount: Int) {
        slots = Array(repeating: nil, count: lineCount)
    }

    mutating func replaceLines(_ range: Range<Int>, withCount count: Int) {
        slots.replaceSubrange(range, with: repeatElement(nil, count: count))
    }

    /// The layout of `line`, computed if missing or stale.
    mutating func layout(of line: Int, text: String, style: LineStyle, geometry: PageGeometry) -> LineLayout {
        if geometry != self.geometry {
            self.geometry = geometry
            for i in slots.indices { slots[i] = nil }
        }
        if let cached = slots[line], cached.style == style { return cached }
        let layout = LineLayout(line: text, style: style, geometry: geometry)
        slots[line] = layout
        return layout
    }
}
