/// What the terminal draws: a grid plus where the cursor is.
public struct Frame: Sendable, Hashable {
    public enum CursorShape: Sendable, Hashable { case bar, block, underline }
    public var grid: CellGrid
    /// (row, column) in cells, or nil when the cursor is hidden.
    public var cursor: (row: Int, column: Int)? {
        get { cursorPosition.map { ($0.row, $0.column) } }
        set { cursorPosition = newValue.map { ScreenPoint(row: $0.row, column: $0.column) } }
    }
    public var cursorPosition: ScreenPoint?
    public var cursorShape: CursorShape

    public init(grid: CellGrid, cursor: ScreenPoint?, cursorShape: CursorShape = .bar) {
        self.grid = grid
        self.cursorPosition = cursor
        self.cursorShape = cursorShape
    }
}

/// A position on screen, in cells (0-based).
public struct ScreenPoint: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}
