/// How a Fountain parser will read a line: the tests an importer runs to
/// decide whether a forcing marker is needed (fountain.io syntax 1.1, see
/// ../shared/reference/fountain.md).
enum FountainForms {
    private static let headingPrefixes = ["INT./EXT", "INT/EXT", "I./E", "I/E", "INT", "EXT", "EST"]

    /// Starts with INT/EXT/EST/I/E followed by `.` or a space.
    static func isSceneHeading(_ line: String) -> Bool {
        let upper = line.uppercased()
        for prefix in headingPrefixes where upper.hasPrefix(prefix) {
            let next = upper.dropFirst(prefix.count).first
            if next == "." || next == " " { return true }
        }
        return false
    }

    /// Letters, digits, `-` and `.`, as `#…#` scene numbers allow.
    static func isSceneNumber(_ number: String) -> Bool {
        !number.isEmpty && number.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
    }

    /// True when the text has a letter and no lower-case letter.
    static func isUpperCase<S: StringProtocol>(_ text: S) -> Bool {
        var hasLetter = false
        for c in text where c.isLetter {
            if c.isLowercase { return false }
            hasLetter = true
        }
        return hasLetter
    }

    /// Would be read as a character cue without `@`: the name (before any
    /// parenthesised extension) upper case, on one line, and not something
    /// else first.
    static func isCharacterCue(_ text: String) -> Bool {
        guard !text.contains("\n"), !text.hasSuffix("  ") else { return false }
        let name = text.split(separator: "(", maxSplits: 1).first.map(String.init) ?? text
        guard let first = name.first, !"!@#~=>.[".contains(first) else { return false }
        return isUpperCase(name) && !isSceneHeading(text) && !text.uppercased().hasSuffix("TO:")
    }

    /// Would be read as a transition without `>`.
    static func isTransition(_ text: String) -> Bool {
        !text.contains("\n") && isUpperCase(text) && text.hasSuffix("TO:")
    }

    /// Action text, with `!` before any paragraph of it (the first line, or a
    /// line after a blank one) that a parser would otherwise take for another
    /// element.
    static func action(_ text: String, plain: String, firstInFile: Bool) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let plainLines = plain.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        for (i, line) in lines.enumerated() {
            let startsParagraph = i == 0 || lines[i - 1].trimmingCharacters(in: .whitespaces).isEmpty
            let plainLine = i < plainLines.count ? plainLines[i] : line
            let nextIsText = i + 1 < lines.count && !lines[i + 1].trimmingCharacters(in: .whitespaces).isEmpty
            if startsParagraph && needsForcing(plainLine, nextIsText: nextIsText, firstInFile: firstInFile && i == 0) {
                out.append("!" + line)
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }

    private static func needsForcing(_ line: String, nextIsText: Bool, firstInFile: Bool) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first else { return false }
        if "!@#~=>.".contains(first) || trimmed.hasPrefix("[[") { return true }
        if isSceneHeading(trimmed) { return true }
        if isUpperCase(trimmed) {
            if nextIsText || trimmed.hasSuffix("TO:") { return true }
            for eager in ["FADE OUT", "FADE TO BLACK", "CUT TO BLACK"] where trimmed.hasPrefix(eager) { return true }
        }
        // A first line "Key: value" would open a title page.
        if firstInFile, let colon = trimmed.firstIndex(of: ":"), colon != trimmed.startIndex,
           !trimmed[..<colon].contains(where: { !($0.isLetter || $0 == " ") }) {
            return true
        }
        return false
    }
}
