/// Autocomplete candidates for the word being typed at the cursor.
struct Completion: Equatable {
    /// Where the completed text starts on the cursor's line.
    var line: Int
    var startByte: Int
    /// What is typed so far (from `startByte` to the cursor).
    var typed: String
    var candidates: [String]
    var selected = 0

    /// The part of the selected candidate still to insert (ghost text).
    var remainder: String {
        let candidate = candidates[selected]
        guard candidate.count >= typed.count else { return "" }
        return String(candidate.dropFirst(typed.count))
    }
}
