import Foundation
import Fountain

/// What a single line of a candidate is, read by the Fountain parser (the
/// one place Fountain is parsed) with the blank lines around it that the
/// element needs.
enum ScreenplayLine {
    /// Whether `line` starts a scene heading when it stands after a blank line.
    static func isSceneHeading(_ line: String) -> Bool {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
        if case .sceneHeading = firstKind(of: line, followedBy: "") { return true }
        return false
    }

    /// Whether `line` followed by `next` reads as a character cue.
    static func isCue(_ line: String, followedBy next: String) -> Bool {
        if case .character = firstKind(of: line, followedBy: next) { return true }
        return false
    }

    /// Whether `line`, alone in its paragraph, is a cue waiting for its
    /// speech: a cue once a line follows it, plain action without one (a
    /// transition such as "CUT TO:" or a heading is neither).
    static func isCueAwaitingSpeech(_ line: String) -> Bool {
        isCue(line, followedBy: "…") && firstKind(of: line, followedBy: "") == .action
    }

    /// Whether `line` looks like a speaker's name the model wrote in the
    /// wrong case ("Vera", "vera", "Old Man (V.O.)"): a cast name in any
    /// case, or one to three capitalized words without sentence
    /// punctuation, optionally with a parenthesized extension.
    static func looksLikeName(_ line: String, cast: Set<String>) -> Bool {
        var name = line.trimmingCharacters(in: .whitespaces)
        if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
            name = String(name[..<open]).trimmingCharacters(in: .whitespaces)
        }
        guard !name.isEmpty, name.count <= 32 else { return false }
        if cast.contains(name.uppercased()) { return true }
        let words = name.split(separator: " ")
        guard (1...3).contains(words.count) else { return false }
        let allowed = CharacterSet.letters.union(CharacterSet(charactersIn: "'.-"))
        return words.allSatisfy { word in
            guard let first = word.first, first.isUppercase else { return false }
            return word.unicodeScalars.allSatisfy { allowed.contains($0) }
        } && !name.hasSuffix(".") && !isSceneHeading(line)
    }

    private static func firstKind(of line: String, followedBy next: String) -> ElementKind? {
        // A leading blank line keeps the parser from reading a title page.
        FountainDocument(parsing: "\n" + line + "\n" + next + "\n").elements.first?.kind
    }
}
