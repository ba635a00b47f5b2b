import Fountain

/// Where the script's pages begin, for the status bar ("p.12/104") and the
/// page marks in the margin: the same 55-line pagination as `intercut stats`
/// and the PDF (`FountainDocument.pageMap`), read as the source line each
/// page begins on.
struct Pagination: Equatable {
    /// First source line of each page; page 1 begins at line 0.
    private(set) var pageStarts: [Int] = [0]

    var pageCount: Int { pageStarts.count }

    init() {}

    init(_ document: FountainDocument) {
        let starts = document.pageMap().pageStartLines()
        pageStarts = starts.isEmpty ? [0] : starts
    }

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

    /// The page starts carried across an edit that replaced `removed` lines
    /// at `first` with `inserted` ones: starts after the edit move with
    /// their text, starts inside it move to its start. Good until the next
    /// repagination, which puts them where the new text really breaks.
    mutating func linesReplaced(first: Int, removed: Int, inserted: Int) {
        let delta = inserted - removed
        guard delta != 0 else { return }
        for i in pageStarts.indices.dropFirst() where pageStarts[i] > first {
            pageStarts[i] = pageStarts[i] >= first + removed ? pageStarts[i] + delta : first
        }
    }
}
