/// Laid-out lines, one slot per source line, filled lazily as lines are
/// shown. A slot is dropped when its line is edited, when the re-parse may
/// have changed its element (the edit's paragraph and its neighbours; see
/// `EditRegion.paragraphsAround`), or when the geometry changes, so a
/// frame re-lays out only what changed.
struct LayoutCache {
    private var slots: [LineLayout?]
    private(set) var geometry: PageGeometry?

    init(lineCount: Int) {
        slots = Array(repeating: nil, count: lineCount)
    }

    mutating func replaceLines(_ range: Range<Int>, withCount count: Int) {
        slots.replaceSubrange(range, with: repeatElement(nil, count: count))
    }

    mutating func invalidate(_ range: Range<Int>) {
        for line in max(0, range.lowerBound)..<min(range.upperBound, slots.count) { slots[line] = nil }
    }

    /// Drops the cached layouts in `range` whose style is no longer `style(line)`.
    mutating func revalidate(_ range: Range<Int>, style: (Int) -> LineStyle) {
        for line in max(0, range.lowerBound)..<min(range.upperBound, slots.count) {
            if let cached = slots[line], cached.style != style(line) { slots[line] = nil }
        }
    }

    mutating func invalidateAll() {
        for line in slots.indices { slots[line] = nil }
    }

    /// The layout of `line`, computed with `source` if missing. When
    /// `expectedStyle` is given, a cached layout with another style is redone.
    mutating func layout(of line: Int, geometry: PageGeometry, expectedStyle: LineStyle?,
                         source: () -> (text: String, style: LineStyle)) -> LineLayout {
        if geometry != self.geometry {
            self.geometry = geometry
            invalidateAll()
        }
        if let cached = slots[line], expectedStyle == nil || cached.style == expectedStyle { return cached }
        let (text, style) = source()
        let layout = LineLayout(line: text, style: style, geometry: geometry)
        slots[line] = layout
        return layout
    }
}
