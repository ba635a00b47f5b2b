// MARK: - Keeping the pagination current without re-measuring the script

extension Editor {
    func pagination() -> Pagination {
        paginationTracker.current { self.lineMetrics($0) }
    }

    func lineMetrics(_ line: Int) -> Pagination.LineMetrics {
        let text = state.buffer[line]
        if text.allSatisfy({ $0 == " " || $0 == "\t" }) { return .init(kind: .blank, height: 1) }
        let role = syntax.role(ofLine: line)
        let kind: Pagination.LineMetrics.Kind
        let width: Int
        switch role {
        case .section, .synopsis, .note, .boneyard, .titlePage: return .init(kind: .hidden, height: 0)
        case .pageBreak: return .init(kind: .pageBreak, height: 0)
        case .sceneHeading: kind = .heading; width = 61
        case .character: kind = .cue; width = 33
        case .dialogue: kind = .dialogue; width = 36
        case .parenthetical: kind = .dialogue; width = 26
        case .action: kind = .action; width = 61
        default: kind = .other; width = 61
        }
        return .init(kind: kind, height: Self.wrappedHeight(text, width: width))
    }

    /// Lines a text takes when word-wrapped at `width` characters (counted
    /// as UTF-8 lead bytes: exact for Courier's one cell per character).
    static func wrappedHeight(_ text: String, width: Int) -> Int {
        var rows = 1
        var column = 0
        var wordLength = 0
        for byte in text.utf8 where byte & 0xC0 != 0x80 {
            if byte == 0x20 {
                column += wordLength + 1
                wordLength = 0
                continue
            }
            wordLength += 1
            if column + wordLength > width {
                if column == 0 { rows += 1; wordLength = 1 } else { rows += 1; column = 0 }
            }
        }
        return rows
    }
}
