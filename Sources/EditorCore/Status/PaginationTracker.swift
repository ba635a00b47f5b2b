import Fountain

/// Keeps `Pagination` current as the script is edited without putting a
/// whole-script page map on the keystroke path.
///
/// A page map costs about 0.2 ms per 150 KB. Scripts up to
/// `synchronousLimit` bytes are repaginated when asked (a frame after an
/// edit shows exact pages); longer ones keep their page starts shifted
/// with each edit and are repaginated when the writer pauses (`UILoop`
/// calls `Editor.repaginateIfStale` once no input came for 100 ms, or ten
/// times what the last repagination cost), so typing in a 200-page script
/// never pays for it.
struct PaginationTracker {
    static let synchronousLimit = 48 * 1024

    private(set) var pagination = Pagination()
    private(set) var isStale = true

    mutating func linesReplaced(first: Int, removed: Int, inserted: Int) {
        pagination.linesReplaced(first: first, removed: removed, inserted: inserted)
        isStale = true
    }

    /// The pagination, repaginated first when stale and `document` is
    /// short enough (or `force`).
    mutating func current(_ document: FountainDocument, force: Bool = false) -> Pagination {
        if isStale && (force || document.source.bytes.count <= Self.synchronousLimit) {
            pagination = Pagination(document)
            isStale = false
        }
        return pagination
    }
}
