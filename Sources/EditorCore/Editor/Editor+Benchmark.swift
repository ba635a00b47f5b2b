// MARK: - Hooks for the EditorBenchmark executable

extension Editor {
    /// Pages of the script by the status bar's pagination (repaginated first if stale).
    public var statusPageCount: Int {
        _ = repaginateIfStale()
        return pagination().pageCount
    }

    /// Puts the cursor at the start or end of a line (benchmark set-up).
    public func moveCursorForBenchmark(line: Int, atEnd: Bool) {
        let line = max(0, min(line, state.buffer.lineCount - 1))
        moveCursor(to: TextPosition(line: line, byte: atEnd ? state.buffer[line].utf8.count : state.buffer[line].utf8.count / 2), extend: false)
    }
}
