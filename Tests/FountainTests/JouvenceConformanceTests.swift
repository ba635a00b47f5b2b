import Foundation
import Testing
@testable import Fountain

/// The 46 Jouvence cases from ../shared/conformance/jouvence, compared as
/// its README says: action text trimmed of leading/trailing newlines, empty
/// actions dropped. Our model keeps one action element per paragraph, so
/// consecutive action elements are joined with the blank lines between them
/// (boneyard lines excluded) before comparing, which is Jouvence's shape.
///
/// Deliberate deviations: none so far.
struct JouvenceConformanceTests {
    static let cases: [JouvenceCase] = (try? JouvenceCase.all()) ?? []

    @Test func allCasesAreFound() throws {
        let cases = try JouvenceCase.all()
        #expect(cases.count == 46)
    }

    @Test(arguments: cases)
    func conformance(_ c: JouvenceCase) {
        let doc = FountainDocument(parsing: c.input)
        #expect(Self.normalize(Self.encode(doc)) == Self.normalize(c.output), "input: \(c.input.debugDescription)")
        if let title = c.title {
            var got: [String: String] = [:]
            for e in doc.titlePage { got[e.key.lowercased()] = e.value }
            #expect(got == title)
        }
    }

    /// Jouvence's one-character codes.
    static func encode(_ doc: FountainDocument) -> [String] {
        var out: [String] = []
        var pendingAction: String?
        var lastActionEnd = 0
        var boneyardLines = 0
        func flush() {
            if let a = pendingAction { out.append("!" + a) }
            pendingAction = nil
        }
        for e in doc.elements {
            if case .boneyard = e.kind {
                boneyardLines += e.lines.count
                continue
            }
            if case .action = e.kind {
                if let a = pendingAction {
                    let gap = e.lines.lowerBound - lastActionEnd - boneyardLines
                    pendingAction = a + String(repeating: "\n", count: gap + 1) + e.text
                } else {
                    pendingAction = e.text
                }
                lastActionEnd = e.lines.upperBound
                boneyardLines = 0
                continue
            }
            flush()
            boneyardLines = 0
            switch e.kind {
            case .sceneHeading: out.append("." + e.text)
            case .character: out.append("@" + e.text)
            case .dialogue: out.append("=" + e.text)
            case .parenthetical: out.append("_" + e.text)
            case .transition: out.append(">" + e.text)
            case .lyrics: out.append("~" + e.text)
            case .section: out.append("#" + e.text)
            case .synopsis: out.append("+" + e.text)
            case .centered: out.append("!><" + e.text)
            case .pageBreak: out.append("<pagebreak>")
            case .note: out.append("[[" + e.text + "]]")
            case .action, .boneyard: break
            }
        }
        flush()
        return out
    }

    /// The README's comparison rule for action text.
    static func normalize(_ codes: [String]) -> [String] {
        codes.compactMap { code in
            guard code.hasPrefix("!") else { return code }
            var body = Substring(code.dropFirst())
            let centered = body.hasPrefix("><")
            if centered { body = body.dropFirst(2) }
            while body.first == "\n" { body = body.dropFirst() }
            while body.last == "\n" { body = body.dropLast() }
            if body.isEmpty && !centered { return nil }
            return (centered ? "!><" : "!") + body
        }
    }
}
