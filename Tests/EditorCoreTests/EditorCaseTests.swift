@testable import EditorCore
import Foundation
import Testing

/// Runs every folder under Cases/: `before` (marked text), `keys` (key
/// notation), `after` (expected marked text). The same folders can drive the
/// real binary in tmux.
@Suite("Editor cases from Cases/")
struct EditorCaseTests {
    static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases")

    static var caseNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: casesDirectory.path)) ?? []).sorted()
    }

    @Test func thereAreCases() {
        #expect(Self.caseNames.count >= 6)
    }

    @Test(arguments: caseNames)
    func editorCase(_ name: String) throws {
        let folder = Self.casesDirectory.appendingPathComponent(name)
        let read = { (file: String) in try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) }
        let editor = EditorNotation.editor(try read("before"))
        EditorNotation.run(editor, try read("keys"))
        let expected = try read("after")
        let actual = EditorNotation.marked(editor)
        #expect(actual == expected, "case \(name)")
    }
}
