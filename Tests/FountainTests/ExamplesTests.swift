import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Fountain

/// The shipped examples: each parses, lays out to a short script's length, and
/// together they use every Fountain element (so exporters and the editor are
/// tried on all of them).
@Suite struct ExamplesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    static func examples() throws -> [(name: String, document: FountainDocument)] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".fountain") }.sorted()
        return try files.map { name in
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            return (name, try FountainDocument(bytes: Array(bytes)))
        }
    }

    @Test func thereAreAtLeastThreeShortScriptsOfThreeToTenPages() throws {
        let all = try Self.examples()
        #expect(all.count >= 3)
        for (name, document) in all {
            let pages = document.layout().pageCount
            #expect((3...10).contains(pages), "\(name): \(pages) pages")
            #expect(document.warnings.isEmpty, "\(name): \(document.warnings)")
        }
    }

    @Test func togetherTheyUseEveryFountainElement() throws {
        var found: Set<String> = []
        for (_, document) in try Self.examples() {
            if document.titlePage.contains(where: { $0.value.contains("\n") }) { found.insert("title page multi-line value") }
            for element in document.elements {
                switch element.kind {
                case let .sceneHeading(number):
                    found.insert("scene heading")
                    if number != nil { found.insert("scene number") }
                    if element.isForced { found.insert("forced scene heading") }
                case .action:
                    found.insert("action")
                    if element.isForced { found.insert("forced action") }
                case .centered: found.insert("centered")
                case let .character(_, ext, isDual):
                    found.insert("character")
                    if ext != nil { found.insert("character extension") }
                    if isDual { found.insert("dual dialogue") }
                    if element.isForced { found.insert("forced character") }
                case .parenthetical: found.insert("parenthetical")
                case .dialogue:
                    found.insert("dialogue")
                    if element.text.contains("\n  \n") || element.text.split(separator: "\n", omittingEmptySubsequences: false)
                        .contains(where: { $0.allSatisfy { $0 == " " } }) {
                        found.insert("two-space blank line in dialogue")
                    }
                case .transition:
                    found.insert("transition")
                    if element.isForced { found.insert("forced transition") }
                case .lyrics: found.insert("lyrics")
                case .pageBreak: found.insert("page break")
                case let .section(depth): found.insert("section depth \(min(depth, 3))")
                case .synopsis: found.insert("synopsis")
                case .note:
                    found.insert("note")
                    if element.lines.count > 1 { found.insert("multi-line note") }
                case .boneyard: found.insert("boneyard")
                }
                for span in element.spans {
                    switch span.kind {
                    case .bold: found.insert("bold")
                    case .italic: found.insert("italic")
                    case .underline: found.insert("underline")
                    case .note: found.insert("inline note")
                    case .boneyard: found.insert("boneyard")
                    }
                }
                // Nested emphasis: one emphasis span inside another.
                let emphasis = element.spans.filter { [.bold, .italic, .underline].contains($0.kind) }
                for outer in emphasis where emphasis.contains(where: {
                    $0 != outer && outer.content.lowerBound <= $0.range.lowerBound && $0.range.upperBound <= outer.content.upperBound
                }) {
                    found.insert("nested emphasis")
                }
            }
        }
        let required: Set<String> = [
            "title page multi-line value", "scene heading", "scene number", "forced scene heading", "action",
            "forced action", "centered", "character", "character extension", "forced character", "dual dialogue",
            "parenthetical", "dialogue", "two-space blank line in dialogue", "transition", "forced transition",
            "lyrics", "page break", "section depth 1", "section depth 2", "section depth 3", "synopsis", "note",
            "multi-line note", "inline note", "boneyard", "bold", "italic", "underline", "nested emphasis",
        ]
        #expect(required.subtracting(found).isEmpty, "missing: \(required.subtracting(found).sorted())")
    }

    @Test func everyExampleExportsToEveryFormat() throws {
        for (name, document) in try Self.examples() {
            let fdx = FDXExporter.render(document)
            #expect(throws: Never.self, "\(name)") { _ = try XMLDocument(data: Data(fdx.utf8)) }
            #expect(HTMLExporter.render(document).hasSuffix("</html>\n"))
            #expect(!PlainTextExporter.render(document.layout()).isEmpty)
        }
    }
}
