/// The suggestion pane's state: the current request's candidates, focus,
/// where the request was made, and the region of a candidate being edited
/// in the script.
///
/// Invariants: `candidates[i].index == i`; `focus` names an open candidate
/// whenever one exists; `ticket` is nil when no request is shown, and
/// updates for any other ticket are ignored.
struct SuggestionPane {
    /// The request shown (nil: none).
    var ticket: Int?
    var nextTicket = 1
    /// The last request, for "reject all and regenerate".
    var query: SuggestionQuery?
    var candidates: [PaneCandidate] = []
    var focus = 0
    /// The cursor when the request was made. Writer edits before it make
    /// the candidates stale (they continue text that is no longer there).
    var anchor = TextPosition.start
    var isStale = false
    /// The request could not start (one line from the glue).
    var failure: String?
    var backendName: String?
    /// False when no backend can be built (no model installed): the pane
    /// shows `unavailableReason` and requests are refused with it.
    var isAvailable = true
    var unavailableReason: String?
    var acceptanceRate: Double?
    var pending: PendingSuggestion?
    /// Set while the pane itself inserts or removes text, so its own edits
    /// never count as the writer's.
    var isEditingBuffer = false

    var openIndices: [Int] { candidates.indices.filter { !candidates[$0].isClosed } }

    var focused: PaneCandidate? {
        candidates.indices.contains(focus) && !candidates[focus].isClosed ? candidates[focus] : nil
    }

    var isGenerating: Bool { candidates.contains { !$0.isClosed && !$0.status.isFinal } }

    /// The decode rate over the candidates still streaming (or the last one seen).
    var tokensPerSecond: Double? {
        let rates = candidates.filter { !$0.isClosed && $0.status == .streaming }.compactMap(\.tokensPerSecond)
        if !rates.isEmpty { return rates.reduce(0, +) }
        return nil
    }

    /// Moves focus to the next open candidate after (or before) the focused one.
    mutating func moveFocus(by step: Int) {
        let open = openIndices
        guard !open.isEmpty else { return }
        if let position = open.firstIndex(of: focus) {
            focus = open[(position + step + open.count * 2) % open.count]
        } else {
            focus = open.first { $0 > focus } ?? open[0]
        }
    }
}

/// A candidate taken into the script for editing: the region it occupies
/// (tracked through every edit) and the text it went in with.
struct PendingSuggestion: Equatable {
    var ticket: Int
    var index: Int
    var start: TextPosition
    var end: TextPosition
    var original: String
    /// Text of the candidate taken before (word by word) — part of the final text.
    var takenBefore: String

    /// Follows an edit; typing at either edge of the region extends it.
    mutating func follow(_ range: TextRange, insertedEnd: TextPosition) {
        start = start.mapped(throughReplacing: range, insertedEnd: insertedEnd, sticksToEnd: false)
        end = end.mapped(throughReplacing: range, insertedEnd: insertedEnd, sticksToEnd: true)
        if end < start { end = start }
    }

    func contains(_ position: TextPosition) -> Bool { start <= position && position < end }
}

extension TextPosition {
    /// Where this position is after `range` is replaced by text ending at
    /// `insertedEnd`. A position inside the replaced text goes to its start,
    /// or its end if `sticksToEnd`; so does one exactly at an insertion point.
    func mapped(throughReplacing range: TextRange, insertedEnd: TextPosition, sticksToEnd: Bool) -> TextPosition {
        if self < range.start || (self == range.start && !sticksToEnd) { return self }
        if self < range.end { return sticksToEnd ? insertedEnd : range.start }
        if line == range.end.line {
            return TextPosition(line: insertedEnd.line, byte: insertedEnd.byte + (byte - range.end.byte))
        }
        return TextPosition(line: line + insertedEnd.line - range.end.line, byte: byte)
    }
}
