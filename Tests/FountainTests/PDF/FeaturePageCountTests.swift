import Foundation
import Testing
@testable import Fountain

/// The feature-length example's page count against an independent count by
/// the reference's rules (IndependentPageCounter, not the paginator): the
/// two must agree within 2%, on both papers.
@Suite struct FeaturePageCountTests {
    /// Runs exports' deterministic generator into a temporary file.
    static func featureScript() throws -> FountainDocument {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("feature-\(UUID().uuidString).fountain")
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/make-feature-script").path, out.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try FountainDocument(bytes: Array(try Data(contentsOf: out)))
    }

    @Test(arguments: PaperSize.allCases)
    func pageCountWithinTwoPercentOfTheReferenceRules(paper: PaperSize) throws {
        let document = try Self.featureScript()
        let layout = document.layout(paper: paper)
        let independent = IndependentPageCounter(linesPerPage: paper.linesPerPage, actionWidth: paper.actionWidth)
            .pages(IndependentPageCounter.items(document))
        #expect(layout.pageCount >= 100)
        let difference = abs(Double(layout.pageCount - independent)) / Double(independent)
        #expect(difference <= 0.02, "layout \(layout.pageCount) pages, reference rules \(independent)")
        // The PDF has exactly the laid-out pages, plus the title page.
        let pdf = document.pdf(paper: paper)
        #expect(try Poppler.info(pdf.data)["Pages"] == String(layout.allPages.count))
    }
}
