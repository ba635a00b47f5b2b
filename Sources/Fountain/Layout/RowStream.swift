/// Every printed row of a script in one flat buffer, grouped for page filling:
/// what the page filler needs to know about a row (blank or not, may the page
/// break before it, does such a break print `(MORE)`/`CONT'D`, does it end a
/// sentence) and which block and row it came from, but no text.
///
/// Blocks that must stay together (a scene heading and what follows, a
/// transition and what precedes it) are appended into one group, with the
/// blank row between them and no break allowed before the glued block.
struct RowStream {
    /// One byte of facts per row.
    struct Flags: OptionSet {
        let rawValue: UInt8
        /// Prints nothing (a blank row).
        static let empty = Flags(rawValue: 1)
        /// The page may break just before this row.
        static let breakBefore = Flags(rawValue: 2)
        /// A break before this row prints the block's `(MORE)` and `NAME (CONT'D)`.
        static let continues = Flags(rawValue: 4)
        /// The row's (left) line ends in sentence punctuation: a preferred place to end a page.
        static let endsSentence = Flags(rawValue: 8)
    }

    /// What the page filler takes in order.
    enum Item: Equatable {
        /// Rows `range` placed as one unit, broken only at their allowed points.
        case group(Range<Int>)
        /// `===`: start a new page (unless the page is empty).
        case pageBreak
        /// Writer's extra blank lines, printed only between text on the same page.
        case blankLines(Int)
    }

    /// One row: its facts and where it came from.
    struct Row: Equatable {
        /// Index of the block (in the caller's list) the row comes from.
        var block: Int32
        /// Row within its block; -1 for the blank row glued between two blocks.
        var rowInBlock: Int32
        var flags: Flags
    }

    private(set) var rows: [Row] = []
    /// The items in order but for the open group (`openGroup`).
    private(set) var closedItems: [Item] = []
    /// Where the last item, a group still open to glued blocks, starts.
    private var openGroupStart: Int?

    /// The last item when it is a group still open to glued blocks.
    var openGroup: Range<Int>? { openGroupStart.map { $0..<rows.count } }

    /// The items in order, the open group included.
    var items: [Item] {
        guard let group = openGroup else { return closedItems }
        return closedItems + [.group(group)]
    }

    /// The open group's last block keeps with the next one.
    private var keepOpen = false
    private var currentBlock: Int32 = 0
    private var nextRowInBlock: Int32 = 0
    private var clearNextBreak = false

    init(expectedRows: Int = 0) {
        rows.reserveCapacity(expectedRows)
        // About one item for every three rows in a feature.
        closedItems.reserveCapacity(expectedRows / 3)
    }

    var rowCount: Int { rows.count }

    /// Starts block `index`; a transition glues itself to the block before it.
    mutating func beginBlock(_ index: Int, isTransition: Bool) {
        currentBlock = Int32(index)
        nextRowInBlock = 0
        if openGroupStart != nil && (keepOpen || isTransition) {
            for _ in 0..<Paginator.blockSpacing {
                rows.append(Row(block: currentBlock, rowInBlock: -1, flags: .empty))
            }
            clearNextBreak = true  // never between glued blocks
        } else {
            closeGroup()
            openGroupStart = rows.count
            clearNextBreak = false
        }
    }

    @inline(__always)
    mutating func appendRow(_ f: Flags) {
        var f = f
        if clearNextBreak {
            f.remove(.breakBefore)
            clearNextBreak = false
        }
        rows.append(Row(block: currentBlock, rowInBlock: nextRowInBlock, flags: f))
        nextRowInBlock += 1
    }

    mutating func endBlock(keepWithNext: Bool) {
        keepOpen = keepWithNext
        clearNextBreak = false
    }

    private mutating func closeGroup() {
        if let start = openGroupStart { closedItems.append(.group(start..<rows.count)) }
        openGroupStart = nil
    }

    mutating func appendPageBreak() {
        closeGroup()
        closedItems.append(.pageBreak)
    }

    /// Extra blank lines; a count of 0 is an empty block, as a hand-built `.blankLines(0)` has always been.
    mutating func appendBlankLines(_ count: Int, index: Int) {
        if count > 0 {
            closeGroup()
            closedItems.append(.blankLines(count))
        } else {
            beginBlock(index, isTransition: false)
            endBlock(keepWithNext: false)
        }
    }
}
