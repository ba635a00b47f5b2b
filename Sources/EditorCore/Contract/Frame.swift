/// What the terminal draws: a grid plus where the cursor is.
public struct Frame: Sendable, Hashable {
    /// A hint; terminals that cannot change the cursor shape ignore it.
    public enum CursorShape: Sendable, Hashable { case bar, block, underline }
    public var grid: CellGrid
    /// Where the cursor is (row, column in cells), or nil when it is hidden.
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
