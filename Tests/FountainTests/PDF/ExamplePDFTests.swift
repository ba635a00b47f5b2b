import Foundation
import Testing
@testable import Fountain

/// Every example's PDF, read back by poppler, against the text layout
/// committed under Fixtures/pdf (made by scripts/make-pdf-expected and
/// checked by eye against pdftoppm renders when it was committed).
@Suite struct ExamplePDFTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples")

    static let cases: [(String, PaperSize)] = ["orbit-song", "returns-desk", "the-quiet-dial"]
        .flatMap { name in PaperSize.allCases.map { (name, $0) } }

    @Test(arguments: cases)
    func pdftotextLayoutMatchesExpected(name: String, paper: PaperSize) throws {
        let bytes = try Data(contentsOf: Self.examples.appendingPathComponent("\(name).fountain"))
        let document = try FountainDocument(bytes: Array(bytes))
        // The same flags scripts/make-pdf-expected gives this example.
        let options = name == "the-quiet-dial"
        let output = document.pdf(paper: paper, notes: options, sceneNumbers: options)
        #expect(output.warnings.isEmpty)
        let expected = try Fixture.text("pdf/\(name).\(paper.rawValue).txt")
        let actual = try Poppler.text(output.data)
        #expect(actual == expected)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            if let i = (0..<max(a.count, e.count)).first(where: { ($0 < a.count ? a[$0] : "∅") != ($0 < e.count ? e[$0] : "∅") }) {
                Issue.record("first difference at line \(i + 1): got \"\(i < a.count ? a[i] : "∅")\", expected \"\(i < e.count ? e[i] : "∅")\"")
            }
        }
        let layout = document.layout(paper: paper, notes: options)
        #expect(try Poppler.info(output.data)["Pages"] == String(layout.allPages.count))
    }
}
