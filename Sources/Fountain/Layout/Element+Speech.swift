extension Element {
    /// Whether this element belongs to the speech whose previous element ended
    /// just before source line `end`: parentheticals and dialogue always; lyrics
    /// only when they follow with no blank line (sung by the speaker), since a
    /// lyric paragraph of its own is not part of anyone's speech.
    func continuesSpeech(endingAt end: Int) -> Bool {
        switch kind {
        case .parenthetical, .dialogue: return true
        case .lyrics: return lines.lowerBound == end
        default: return false
        }
    }
}
