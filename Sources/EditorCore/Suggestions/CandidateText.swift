/// How much of a candidate's remaining text "accept next word" and "accept
/// next line" take.
enum CandidateText {
    /// Leading whitespace (line breaks included) plus the next run of
    /// non-whitespace: "  the dial." → "  the".
    static func nextWord(of text: Substring) -> Substring {
        var end = text.startIndex
        while end < text.endIndex, text[end].isWhitespace { end = text.index(after: end) }
        while end < text.endIndex, !text[end].isWhitespace { end = text.index(after: end) }
        return text[..<end]
    }

    /// Leading line breaks plus one line with its line break: "\nVERA\nGo." → "\nVERA\n".
    static func nextLine(of text: Substring) -> Substring {
        var end = text.startIndex
        while end < text.endIndex, text[end] == "\n" { end = text.index(after: end) }
        while end < text.endIndex, text[end] != "\n" { end = text.index(after: end) }
        if end < text.endIndex { end = text.index(after: end) }
        return text[..<end]
    }
}
