/// Page breaks of the script on 55-line US Letter pages, for the status bar.
///
/// Each source line prints as many lines as it wraps to at its element's
/// page width (61 action, 33 cue, 26 parenthetical, 36 dialogue); blank lines
/// print as one line except at the top of a page; sections, synopses, notes,
/// boneyard and the title page print nothing. Rules from
/// screenplay-layout.md: a scene heading or cue is never the last line of a
/// page, action of up to three lines is not split, dialogue split across a
/// page costs a line for the `NAME (CONT'D)` cue on the next page, and
/// `===` forces a break.
struct Pagination: Equatable {
    static let linesPerPage = 55
    /// First source line of each page.
    private(set) var pageStarts: [Int] = [0]

    var pageCount: Int { pageStarts.count }

    /// The 1-based page that starts at `line`, if one does.
    func page(startingAt line: Int) -> Int? {
        let page = self.page(ofLine: line)
        return pageStarts[page - 1] == line && page > 1 ? page : nil
    }

    /// 1-based page of a source line.
    func page(ofLine line: Int) -> Int {
        var low = 0
        var high = pageStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if pageStarts[mid] <= line { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// What the sweep needs to know about one source line.
    struct LineMetrics: Equatable {
        enum Kind: UInt8 { case blank, hidden, heading, cue, dialogue, action, pageBreak, other }
        var kind: Kind
        /// Printed lines (0 for hidden).
        var height: Int
    }

    init(lines: [LineMetrics]) {
        var starts = [0]
        var used = 0
        var previousPrinted: Int?
        var index = 0
        while index < lines.count {
            let metrics = lines[index]
            switch metrics.kind {
            case .hidden:
                index += 1
                continue
            case .pageBreak:
                if used > 0 { starts.append(index + 1); used = 0 }
                index += 1
                continue
            case .blank:
                if used > 0 { used += 1 }
                index += 1
                continue
            default:
                break
            }
            if used + metrics.height > Self.linesPerPage, used > 0 {
                var breakLine = index
                var carried = 0
                if let previous = previousPrinted, [.heading, .cue].contains(lines[previous].kind), previous > starts[starts.count - 1] {
                    // Keep a heading or cue with what follows it.
                    breakLine = previous
                    carried = lines[previous].height + 1
                } else if metrics.kind == .action, metrics.height <= 3 {
                    breakLine = index
                } else if metrics.kind == .dialogue {
                    carried = 1 // NAME (CONT'D)
                }
                starts.append(breakLine)
                used = carried
            }
            used += metrics.height
            while used > Self.linesPerPage {
                // One element longer than a page: break inside it.
                starts.append(index)
                used -= Self.linesPerPage
            }
            previousPrinted = index
            index += 1
        }
        pageStarts = starts
    }

    init() {}
}
