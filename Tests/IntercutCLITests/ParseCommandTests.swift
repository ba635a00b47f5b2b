import Foundation
import Testing

/// `intercut parse`: the JSON surface other tools rely on, the outline, and
/// every error path.
@Suite struct ParseCommandTests {
    static let script = """
        Title: The Test
        Author: Someone
            and Another

        # Act One

        = Where it starts.

        INT. HOUSE - DAY #1A#

        John *waits*.

        JOHN (V.O.)
        (beat)
        Hi.

        MARY ^
        Yo.

        >CUT TO BLACK.

        ~A song

        >THE END<

        [[A note.]]

        ===

        """

    func temp(_ content: [UInt8], name: String = "script.fountain") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("intercut-parse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(content).write(to: url)
        return url
    }

    func elements(_ json: Data) throws -> (titlePage: [[String: Any]], elements: [[String: Any]]) {
        let obj = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let tp = try #require(obj["title_page"] as? [[String: Any]])
        let els = try #require(obj["elements"] as? [[String: Any]])
        return (tp, els)
    }

    @Test func jsonHasEveryElementTypeWithLinesAndExtras() throws {
        let url = try temp(Array(Self.script.utf8))
        let r = try CLIRunner.run(["parse", url.path, "--json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let (tp, els) = try elements(r.stdoutData)
        #expect(tp.map { $0["key"] as? String } == ["Title", "Author"])
        #expect(tp[1]["value"] as? String == "Someone\nand Another")
        #expect(els.map { $0["type"] as? String } == [
            "section", "synopsis", "scene_heading", "action", "character", "parenthetical", "dialogue",
            "character", "dialogue", "transition", "lyrics", "centered", "note", "page_break",
        ])
        #expect(els.map { $0["line"] as? Int } == [5, 7, 9, 11, 13, 14, 15, 17, 18, 20, 22, 24, 26, 28])
        #expect(els[0]["depth"] as? Int == 1)
        #expect(els[0]["text"] as? String == "Act One")
        #expect(els[2]["scene_number"] as? String == "1A")
        #expect(els[2]["text"] as? String == "INT. HOUSE - DAY")
        #expect(els[3]["text"] as? String == "John *waits*.")
        #expect(els[4]["name"] as? String == "JOHN")
        #expect(els[4]["extension"] as? String == "(V.O.)")
        #expect(els[4]["dual"] as? Bool == true)
        #expect(els[7]["text"] as? String == "MARY")
        #expect(els[7]["extension"] == nil)
        #expect(els[7]["dual"] as? Bool == true)
        #expect(els[9]["text"] as? String == "CUT TO BLACK.")
        #expect(els[10]["text"] as? String == "A song")
        #expect(els[11]["text"] as? String == "THE END")
        #expect(els[12]["text"] as? String == "A note.")
    }

    @Test func multiLineElementsJoinWithNewline() throws {
        let r = try CLIRunner.run(["parse", "-", "--json"], stdin: Data("BOB\nOne.\nTwo.\n\nLine a\nLine b\n".utf8))
        #expect(r.exitCode == 0)
        let (_, els) = try elements(r.stdoutData)
        #expect(els.map { $0["text"] as? String } == ["BOB", "One.\nTwo.", "Line a\nLine b"])
        #expect(els[0]["dual"] as? Bool == false)
    }

    @Test func emptyInputGivesEmptyLists() throws {
        let r = try CLIRunner.run(["parse", "-", "--json"], stdin: Data())
        #expect(r.exitCode == 0)
        let (tp, els) = try elements(r.stdoutData)
        #expect(tp.isEmpty && els.isEmpty)
    }

    @Test func outlineShowsTitleScenesAndLines() throws {
        let url = try temp(Array(Self.script.utf8))
        let r = try CLIRunner.run(["parse", url.path])
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("Title: The Test"))
        #expect(r.stdout.contains(" 9  SCENE 1A  INT. HOUSE - DAY"))
        #expect(r.stdout.contains("character (dual right)  MARY"))
        #expect(r.stdout.contains("14 elements, 1 scene"))
    }

    @Test func missingFileIsOneLineError() throws {
        let r = try CLIRunner.run(["parse", "/no/such/file.fountain"])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("no such file"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stdout.isEmpty)
    }

    @Test func directoryIsOneLineError() throws {
        let dir = try temp([]).deletingLastPathComponent()
        let r = try CLIRunner.run(["parse", dir.path])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("is a directory"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func invalidUTF8NamesTheOffset() throws {
        let url = try temp(Array("INT. A\n\nok ".utf8) + [0xC3, 0x28] + Array(" more\n".utf8))
        let r = try CLIRunner.run(["parse", url.path, "--json"])
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("invalid UTF-8 at byte offset 11"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func binaryDataNamesTheOffset() throws {
        let r = try CLIRunner.run(["parse", "-"], stdin: Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]))
        #expect(r.exitCode != 0)
        #expect(r.stderr.contains("binary data"))
        #expect(r.stderr.contains("offset 2"))
    }

    @Test func lossyReadsWithAWarning() throws {
        let r = try CLIRunner.run(["parse", "-", "--json", "--lossy"], stdin: Data([0x48, 0x69, 0xFF, 0x0A]))
        #expect(r.exitCode == 0)
        #expect(r.stderr.contains("warning"))
        let (_, els) = try elements(r.stdoutData)
        #expect(els.first?["text"] as? String == "Hi\u{FFFD}")
    }

    @Test func missingArgumentIsAnError() throws {
        let r = try CLIRunner.run(["parse"])
        #expect(r.exitCode != 0)
        #expect(!r.stderr.isEmpty)
    }
}
