extension FountainDocument {
    /// Extra blank lines before the element at `index`, when the writer left
    /// more than one blank line between two action paragraphs: Fountain "takes
    /// every carriage return as intent" there (fountain.io, Line Breaks). Other
    /// elements keep the standard single blank line. Nil when there is none.
    func extraBlankLines(before index: Int) -> Int? {
        guard index > 0, case .action = elements[index].kind else { return nil }
        // The previous element that prints, skipping notes, sections and synopses between them.
        var k = index - 1
        while k >= 0 {
            switch elements[k].kind {
            case .note, .section, .synopsis, .boneyard: k -= 1; continue
            default: break
            }
            break
        }
        guard k >= 0, case .action = elements[k].kind, k == index - 1 else { return nil }
        let gap = elements[index].lines.lowerBound - elements[k].lines.upperBound
        return gap > 1 ? gap - 1 : nil
    }
}
