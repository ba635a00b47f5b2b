import Foundation
import Testing
@testable import Fountain

/// fountain → FDX (FDXExporter) → fountain (FDXImporter) keeps every element
/// FDX can carry: same kinds, same text (emphasis markers included), same
/// dual-dialogue sides, same scene numbers, and the title page's printed
/// keys. FDX has no sections and the exporter drops boneyard, so those are
/// left out; synopses ride in the scene's Summary, which puts one written
/// just before its heading after it on the way back, so synopses are compared
/// as their own ordered list.
@Suite struct FDXRoundTripTests {
    static let examples = ["orbit-song", "returns-desk", "the-quiet-dial"]

    private struct Comparable: Equatable, CustomStringConvertible {
        var kind: ElementKind
        var text: String
        var dual: DualSide?
        var description: String { "\(kind.typeName)\(dual.map { " (\($0))" } ?? ""): \(text)" }
    }

    private func carried(_ document: FountainDocument) -> (elements: [Comparable], synopses: [String]) {
        var elements: [Comparable] = []
        var synopses: [String] = []
        for element in document.elements {
            switch element.kind {
            case .section, .boneyard: continue
            case .synopsis: synopses.append(element.text)
            default: elements.append(Comparable(kind: element.kind, text: element.text, dual: element.dual))
            }
        }
        return (elements, synopses)
    }

    /// The printed title-page keys (Authors and Author are one key).
    private func titlePage(_ document: FountainDocument) -> [String] {
        let printed = ["title", "credit", "author", "authors", "source", "draft date", "contact", "copyright"]
        return document.titlePage.filter { printed.contains($0.key.lowercased()) }.map {
            ($0.key.lowercased() == "authors" ? "author" : $0.key.lowercased()) + "=" + $0.value
        }
    }

    private func roundTrip(_ document: FountainDocument) throws -> (FountainDocument, [String]) {
        let fdx = FDXExporter.render(document)
        let imported = try FDXImporter.fountain(fromFDX: Data(fdx.utf8))
        return (FountainDocument(parsing: imported.fountain), imported.warnings)
    }

    @Test(arguments: examples)
    func examplesKeepTheirElements(name: String) throws {
        let bytes = try Data(contentsOf: ExamplePDFTests.examples.appendingPathComponent("\(name).fountain"))
        let original = try FountainDocument(bytes: Array(bytes))
        let (back, warnings) = try roundTrip(original)
        #expect(warnings.isEmpty)
        let before = carried(original), after = carried(back)
        #expect(before.elements.count > 50)
        #expect(after.elements == before.elements)
        if after.elements != before.elements {
            for change in after.elements.difference(from: before.elements).prefix(5) { Issue.record("\(change)") }
        }
        #expect(after.synopses == before.synopses)
        #expect(titlePage(back) == titlePage(original))
    }

    /// And the other way: an imported FDX, exported and imported again,
    /// gives the same elements (the importer's choices are stable). The
    /// exporter prints scene headings in capitals, as Final Draft does, and
    /// keeps only synopses that lead to a scene, so headings compare
    /// case-blind and synopses are not compared here.
    @Test(arguments: ["final-draft-vault", "fade-in-diner", "no-title-page"])
    func importedFixturesAreStable(name: String) throws {
        let first = try FDXImporter.fountain(fromFDX: try Fixture.data("fdx/\(name).fdx"))
        let document = FountainDocument(parsing: first.fountain)
        let (back, _) = try roundTrip(document)
        func normalized(_ elements: [Comparable]) -> [Comparable] {
            elements.map { element in
                guard case .sceneHeading = element.kind else { return element }
                return Comparable(kind: element.kind, text: element.text.uppercased(), dual: element.dual)
            }
        }
        let before = normalized(carried(document).elements), after = normalized(carried(back).elements)
        #expect(after == before)
        for change in after.difference(from: before).prefix(5) { Issue.record("\(change)") }
    }
}
