/// A width × height grid of cells, row-major. Row 0 is the top line.
public struct CellGrid: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * width + column] }
        set { cells[row * width + column] = newValue }
    }

    /// Sets every cell to `fill`, keeping the storage (frames reuse grids).
    mutating func clear(to fill: Cell = .blank) {
        for index in cells.indices { cells[index] = fill }
    }

    /// The cells of one row.
    public func row(_ row: Int) -> ArraySlice<Cell> {
        cells[(row * width)..<(row * width + width)]
    }

    /// The visible text of a row (continuation cells skipped), for tests and logs.
    public func text(ofRow row: Int) -> String {
        var out = ""
        for cell in self.row(row) where !cell.isContinuation { out += cell.text }
        return out
    }
}
