// MARK: - Pages of the script, kept current off the keystroke path

extension Editor {
    func pagination() -> Pagination {
        paginationTracker.current(syntax.document)
    }

    /// Repaginates a script whose page starts went stale through edits;
    /// returns true when that changed what the screen shows. `UILoop` calls
    /// it when the writer pauses.
    public func repaginateIfStale() -> Bool {
        guard paginationTracker.isStale else { return false }
        let before = paginationTracker.pagination
        return paginationTracker.current(syntax.document, force: true) != before
    }
}
