extension CellGrid {
    /// Puts a laid-out glyph (its text already made) at (row, column), clipped at `limit`.
    mutating func put(glyph: Glyph, row: Int, column: Int, role: StyleRole, limit: Int) {
        let limit = Swift.min(limit, width)
        guard row >= 0, row < height, column >= 0, column < limit else { return }
        switch glyph.width {
        case 1:
            self[row, column] = Cell(text: glyph.text, width: 1, role: role, attributes: glyph.attributes)
        case 2:
            guard column + 1 < limit else {
                self[row, column] = Cell(text: " ", width: 1, role: role, attributes: glyph.attributes)
                return
            }
            self[row, column] = Cell(text: glyph.text, width: 2, role: role, attributes: glyph.attributes)
            self[row, column + 1] = .continuation(role: role, attributes: glyph.attributes)
        default:
            for offset in 0..<glyph.width where column + offset < limit {
                self[row, column + offset] = Cell(text: " ", width: 1, role: role, attributes: glyph.attributes)
            }
        }
    }

    /// Puts one grapheme at (row, column) if it fits before `limit` (exclusive
    /// column). A wide grapheme that would cross `limit` becomes a space, so a
    /// continuation cell is never orphaned. Returns the cells used.
    @discardableResult
    mutating func put(_ character: Character, row: Int, column: Int, width: Int, role: StyleRole,
                      attributes: CellAttributes, limit: Int? = nil) -> Int {
        let limit = Swift.min(limit ?? self.width, self.width)
        guard row >= 0, row < height, column >= 0, column < limit else { return 0 }
        if width == 2 {
            guard column + 1 < limit else {
                self[row, column] = Cell(text: " ", width: 1, role: role, attributes: attributes)
                return 1
            }
            self[row, column] = Cell(text: String(character), width: 2, role: role, attributes: attributes)
            self[row, column + 1] = .continuation(role: role, attributes: attributes)
            return 2
        }
        if width > 2 || character == "\t" {
            // A tab: blank cells.
            var used = 0
            for offset in 0..<width where column + offset < limit {
                self[row, column + offset] = Cell(text: " ", width: 1, role: role, attributes: attributes)
                used += 1
            }
            return used
        }
        self[row, column] = Cell(text: String(character), width: 1, role: role, attributes: attributes)
        return 1
    }

    /// Writes a string from `column`, clipped at `limit`; returns the column after it.
    @discardableResult
    mutating func write(_ text: String, row: Int, column: Int, role: StyleRole, attributes: CellAttributes = [],
                        limit: Int? = nil) -> Int {
        var x = column
        let limit = limit ?? width
        for character in text {
            let cellWidth = character.cellWidth
            if x + (cellWidth == 4 ? 1 : cellWidth) > limit { break }
            x += put(cellWidth == 4 ? " " : character, row: row, column: x, width: cellWidth == 4 ? 1 : cellWidth,
                     role: role, attributes: attributes, limit: limit)
        }
        return x
    }

    /// Fills a row segment with blanks of a role.
    mutating func fill(row: Int, from column: Int, to end: Int, role: StyleRole, attributes: CellAttributes = []) {
        guard row >= 0, row < height else { return }
        for x in Swift.max(0, column)..<Swift.max(Swift.max(0, column), Swift.min(end, width)) {
            self[row, x] = Cell(text: " ", width: 1, role: role, attributes: attributes)
        }
    }
}

extension String {
    /// Display width in cells (tabs count 1 here: used for chrome text).
    var cellWidth: Int { reduce(0) { $0 + ($1.cellWidth == 4 ? 1 : $1.cellWidth) } }
}
