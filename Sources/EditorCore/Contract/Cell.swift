/// Text attributes of a cell.
public struct CellAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = CellAttributes(rawValue: 1)
    public static let italic = CellAttributes(rawValue: 2)
    public static let underline = CellAttributes(rawValue: 4)
    public static let dim = CellAttributes(rawValue: 8)
    public static let reverse = CellAttributes(rawValue: 16)
}

/// One screen cell: a grapheme cluster of display width 1 or 2.
///
/// A wide (width 2) grapheme occupies its cell and the next one; the next
/// cell is a continuation (`isContinuation`, empty text) that the terminal
/// must skip when drawing.
public struct Cell: Sendable, Hashable {
    public var text: String
    /// 1 or 2 for a lead cell, 0 for a continuation cell.
    public var width: UInt8
    public var role: StyleRole
    public var attributes: CellAttributes

    public init(text: String = " ", width: UInt8 = 1, role: StyleRole = .background, attributes: CellAttributes = []) {
        self.text = text
        self.width = width
        self.role = role
        self.attributes = attributes
    }

    public var isContinuation: Bool { width == 0 }
    public static let blank = Cell()
    static func continuation(role: StyleRole, attributes: CellAttributes) -> Cell {
        Cell(text: "", width: 0, role: role, attributes: attributes)
    }
}
