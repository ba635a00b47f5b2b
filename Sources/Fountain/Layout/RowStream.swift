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

    private(set) var flags: [Flags] = []
    /// Index of the block (in the caller's list) each row comes from.
    private(set) var block: [Int32] = []
    /// Row within its block; -1 for the blank row glued between two blocks.
    private(set) var rowInBlock: [Int32] = []
    private(set) var items: [Item] = []

    /// The open group's last block keeps with the next one.
    private var keepOpen = false
    private var currentBlock: Int32 = 0
    private var nextRowInBlock: Int32 = 0
    private var clearNextBreak = false

    init(expectedRows: Int = 0) {
        flags.reserveCapacity(expectedRows)
        block.reserveCapacity(expectedRows)
        rowInBlock.reserveCapacity(expectedRows)
    }

    var rowCount: Int { flags.count }

    /// Starts block `index`; a transition glues itself to the block before it.
    mutating func beginBlock(_ index: Int, isTransition: Bool) {
        let groupIsOpen: Bool
        if case .group = items.last { groupIsOpen = true } else { groupIsOpen = false }
        if isTransition && groupIsOpen { keepOpen = true }
        currentBlock = Int32(index)
        nextRowInBlock = 0
        if groupIsOpen && keepOpen, case .group(let range) = items.removeLast() {
            for _ in 0..<Paginator.blockSpacing {
                flags.append(.empty)
                block.append(currentBlock)
                rowInBlock.append(-1)
            }
            items.append(.group(range.lowerBound..<range.upperBound))
            clearNextBreak = true  // never between glued blocks
        } else {
            items.append(.group(flags.count..<flags.count))
            clearNextBreak = false
        }
    }

    mutating func appendRow(_ f: Flags) {
        var f = f
        if clearNextBreak {
            f.remove(.breakBefore)
            clearNextBreak = false
        }
        flags.append(f)
        block.append(currentBlock)
        rowInBlock.append(nextRowInBlock)
        nextRowInBlock += 1
    }

    mutating func endBlock(keepWithNext: Bool) {
        if case .group(let range) = items.removeLast() {
            items.append(.group(range.lowerBound..<flags.count))
        }
        keepOpen = keepWithNext
        clearNextBreak = false
    }

    mutating func appendPageBreak() { items.append(.pageBreak) }

    /// Extra blank lines; a count of 0 is an empty block, as a hand-built `.blankLines(0)` has always been.
    mutating func appendBlankLines(_ count: Int, index: Int) {
        if count > 0 {
            items.append(.blankLines(count))
        } else {
            beginBlock(index, isTransition: false)
            endBlock(keepWithNext: false)
        }
    }
}
