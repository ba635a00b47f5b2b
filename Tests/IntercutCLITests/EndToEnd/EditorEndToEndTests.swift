import Foundation
import Testing

/// The real `intercut` binary in a real terminal (tmux): open, type, save,
/// resize, paste, crash and recover, suspend, tiny and dumb terminals.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct EditorEndToEndTests {
    static let heist = """
    Title: Heist

    INT. VAULT - NIGHT

    Marlowe kneels at the dial. Vera holds the torch.

    MARLOWE
    (whispering)
    Quiet. I'm listening.

    CUT TO:

    """

    func contents(_ path: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The status line shows the file saved (the core's message after a save).
    func waitForSave(_ tmux: TmuxSession, path: String, equal expected: String) throws {
        do {
            try tmux.poll("\(path) to hold the expected text") { contents(path) == expected }
        } catch {
            Issue.record("\(path) holds \(contents(path).debugDescription)")
            throw error
        }
    }

    @Test func opensAScriptLaidOutLikeAPage() throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        let path = tmux.file("heist.fountain")
        try Self.heist.write(toFile: path, atomically: true, encoding: .utf8)
        try tmux.launchIntercut([path])
        try tmux.waitForFirstFrame()
        let screen = try tmux.waitFor("the script") { $0.contains("INT. VAULT - NIGHT") && $0.contains("Quiet. I'm listening.") }
        let lines = screen.components(separatedBy: "\n")
        func indent(_ text: String) -> Int? {
            guard let line = lines.first(where: { $0.contains(text) }), let range = line.range(of: text) else { return nil }
            return line.distance(from: line.startIndex, to: range.lowerBound)
        }
        let action = try #require(indent("Marlowe kneels"))
        let cue = try #require(indent("MARLOWE"))
        let dialogue = try #require(indent("Quiet."))
        let transition = try #require(indent("CUT TO:"))
        #expect(cue > dialogue && dialogue > action, "cue, dialogue and action at their page columns")
        #expect(transition > cue, "transition right-aligned")
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")
    }

    @Test func opensTheShippedExample() throws {
        let example = CLIRunner.repositoryRoot.appendingPathComponent("examples/the-quiet-dial.fountain")
        guard FileManager.default.fileExists(atPath: example.path) else { return }
        let tmux = try TmuxSession(width: 100, height: 45)
        let path = tmux.file("the-quiet-dial.fountain")
        try FileManager.default.copyItem(atPath: example.path, toPath: path)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        try tmux.launchIntercut([path])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "EXT. HARBOUR ROAD - NIGHT")
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
    }

    /// `intercut stats` pages of a file.
    func statsPages(_ path: String) throws -> Int {
        let stats = try CLIRunner.run(["stats", path, "--json"])
        let object = try JSONSerialization.jsonObject(with: stats.stdoutData) as? [String: Any]
        return try #require(object?["pages"] as? Int)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func theStatusBarCountsThePagesStatsAndThePDFCount() throws {
        let tmux = try TmuxSession(width: 120, height: 30)
        let path = tmux.file("feature.fountain")
        #expect(try FeatureScriptTests.make(at: path) == 0)
        let pages = try statsPages(path)
        try tmux.launchIntercut([path])
        try tmux.waitForFirstFrame()
        try tmux.keys("C-End")
        try tmux.waitFor(text: "p.\(pages)/\(pages) ")
        // Two pages of action at the top of a 150-page script: the count
        // catches up when the typing stops, to what stats says of the saved file.
        try tmux.keys("C-Home")
        try tmux.paste(String(repeating: "Gulls wheel over the harbour wall. ", count: 200) + "\n\n")
        try tmux.keys("C-s")
        try tmux.poll("the save") { contents(path)?.hasPrefix("Gulls") == true }
        let after = try statsPages(path)
        #expect(after > pages)
        try tmux.waitFor(text: "/\(after) ")
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")
    }

    @Test func typesANewSceneWithEnterAndTabAndSavesExactBytes() throws {
        let tmux = try TmuxSession(width: 80, height: 24)
        let path = tmux.file("new.fountain")
        try tmux.launchIntercut([path])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "new.fountain")
        try tmux.type("INT. ROOF - DAY")
        try tmux.keys("Enter")
        try tmux.type("Vera runs to the edge.")
        try tmux.keys("Enter", "Tab")
        try tmux.type("vera")
        try tmux.keys("Enter")
        try tmux.type("Don't look down.")
        try tmux.waitFor(text: "Don't look down.")
        try tmux.keys("C-s")
        try waitForSave(tmux, path: path, equal: "INT. ROOF - DAY\n\nVera runs to the edge.\n\nVERA\nDon't look down.")
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")
    }

    @Test func quitWithUnsavedTextOffersSaveAndThenQuits() throws {
        let tmux = try TmuxSession(width: 80, height: 24)
        let path = tmux.file("q.fountain")
        try "INT. PIER - DAWN\n".write(toFile: path, atomically: true, encoding: .utf8)
        try tmux.launchIntercut([path])
        try tmux.waitForFirstFrame()
        try tmux.keys("C-End")
        try tmux.type("Gulls.")
        try tmux.waitFor(text: "Gulls.")
        try tmux.keys("C-q")
        try tmux.waitFor(text: "Save changes")
        try tmux.type("y")
        try tmux.waitFor(text: "EXIT=0")
        #expect(contents(path) == "INT. PIER - DAWN\nGulls.")
    }

    @Test func resizeTo40x12AndBackKeepsEveryWord() throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        let path = tmux.file("heist.fountain")
        try Self.heist.write(toFile: path, atomically: true, encoding: .utf8)
        try tmux.launchIntercut([path])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "INT. VAULT - NIGHT")
        try tmux.resize(width: 40, height: 12)
        try tmux.waitFor("the narrow layout") { screen in
            screen.components(separatedBy: "\n").allSatisfy { $0.count <= 40 } && screen.contains("INT. VAULT")
        }
        try tmux.type("X")
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("the wide layout") { $0.contains("Quiet. I'm listening.") && $0.contains("Marlowe kneels at the dial.") }
        try tmux.keys("C-s")
        try waitForSave(tmux, path: path, equal: "X" + Self.heist)
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")
    }

    @Test func a200LinePasteIsOneUndoStepAndRunsNoBindings() throws {
        let tmux = try TmuxSession(width: 80, height: 24)
        let path = tmux.file("paste.fountain")
        try "INT. OFFICE - DAY\n\n".write(toFile: path, atomically: true, encoding: .utf8)
        try tmux.launchIntercut([path])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "INT. OFFICE - DAY")
        try tmux.keys("C-End")
        // Control characters a paste might carry (^Q would quit) must not act.
        let block = (1...200).map { "Line \($0) of the pasted block." }.joined(separator: "\n") + "\n"
        try tmux.paste(block)
        try tmux.waitFor(text: "Line 200 of the pasted block.")
        try tmux.keys("C-s")
        try waitForSave(tmux, path: path, equal: "INT. OFFICE - DAY\n\n" + block)
        try tmux.keys("C-u")
        try tmux.keys("C-s")
        try waitForSave(tmux, path: path, equal: "INT. OFFICE - DAY\n\n")
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")
    }

    @Test func killMinus9MidTypingThenReopenRecoversTheText() throws {
        let tmux = try TmuxSession(width: 80, height: 24)
        let path = tmux.file("crash.fountain")
        try "INT. LAB - NIGHT\n\n".write(toFile: path, atomically: true, encoding: .utf8)
        try tmux.launchIntercut([path])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "INT. LAB - NIGHT")
        try tmux.keys("C-End")
        let typed = "The centrifuge whines. Dr. Okafor reaches for the switch."
        for word in typed.split(separator: " ", omittingEmptySubsequences: false) {
            try tmux.type(word + (word == typed.split(separator: " ").last! ? "" : " "))
        }
        try tmux.waitFor(text: "reaches for the switch.")
        // The journal must hold everything typed so far within about a second.
        try tmux.waitForJournal("the journal to catch up") { $0.hasSuffix("INT. LAB - NIGHT\n\n" + typed) }
        let pid = try #require(try tmux.childPID())
        kill(pid, SIGKILL)
        try tmux.waitFor(text: "EXIT=137")
        #expect(contents(path) == "INT. LAB - NIGHT\n\n")
        try tmux.launchIntercut([path])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "Recover")
        try tmux.type("y")
        try tmux.waitFor(text: "reaches for the switch.")
        try tmux.keys("C-s")
        try waitForSave(tmux, path: path, equal: "INT. LAB - NIGHT\n\n" + typed)
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: tmux.journalDirectory))?.isEmpty ?? true)
    }

    @Test func tinyTerminalAndVT100DoNotCrash() throws {
        for (width, height, term) in [(10, 4, "tmux-256color"), (80, 24, "vt100"), (10, 4, "vt100")] {
            let tmux = try TmuxSession(width: width, height: height, term: term)
            let path = tmux.file("t.fountain")
            try Self.heist.write(toFile: path, atomically: true, encoding: .utf8)
            try tmux.launchIntercut([path])
            try tmux.waitForFirstFrame()
            try tmux.keys("C-End")
            try tmux.type("漢字 wide")
            // One key per write, as a person types: tmux would otherwise send
            // "Escape" and the next key's escape sequence in one burst.
            for key in ["Enter", "Tab", "F1", "Escape", "Up", "S-Left", "C-Left", "Escape"] { try tmux.keys(key) }
            try tmux.resize(width: 3, height: 2)
            try tmux.resize(width: width + 5, height: height + 1)
            // Whatever popup or prompt the keys opened, close it before saving.
            try tmux.keys("Escape")
            try tmux.keys("Escape")
            try tmux.keys("C-s")
            try tmux.poll("the save at \(width)x\(height) \(term) (file: \(contents(path).debugDescription))") { contents(path)?.contains("漢字 wide") == true }
            try tmux.keys("C-q")
            try tmux.waitFor(text: "EXIT=0")
        }
    }

    @Test func noColorDrawsWithAttributesOnly() throws {
        let tmux = try TmuxSession(width: 80, height: 24)
        let path = tmux.file("heist.fountain")
        try Self.heist.write(toFile: path, atomically: true, encoding: .utf8)
        try tmux.launchIntercut([path], environment: ["NO_COLOR": "1"])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "INT. VAULT - NIGHT")
        let styled = try tmux.screen(withAttributes: true)
        let colourCodes = try Regex(#"\x1B\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]"#)
        #expect(styled.firstMatch(of: colourCodes) == nil, "no colour escape codes under NO_COLOR")
        #expect(styled.contains("\u{1B}[1m") || styled.contains(";1m") || styled.contains("\u{1B}[7m"), "bold or reverse still used")
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")
        try tmux.launchIntercut([path])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "INT. VAULT - NIGHT")
        #expect(try tmux.screen(withAttributes: true).firstMatch(of: colourCodes) != nil, "colours without NO_COLOR")
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")
    }

    @Test func f1ShowsTheBindings() throws {
        let tmux = try TmuxSession(width: 80, height: 30)
        try tmux.launchIntercut([])
        try tmux.waitForFirstFrame()
        try tmux.keys("F1")
        try tmux.waitFor("the help screen") { $0.contains("^S") && $0.contains("Save") && $0.contains("^Q") }
        try tmux.keys("Escape", "C-q")
        try tmux.waitFor(text: "EXIT=0")
    }

    @Test func ctrlZSuspendsAndFgResumes() throws {
        let tmux = try TmuxSession(width: 80, height: 24)
        let path = tmux.file("s.fountain")
        try "INT. CAR - DAY\n".write(toFile: path, atomically: true, encoding: .utf8)
        try tmux.launchIntercut([path], reportExit: false)
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "INT. CAR - DAY")
        try tmux.keys("C-z")
        try tmux.waitFor(text: "Stopped")
        // The shell is usable while the editor is stopped.
        try tmux.type("echo shell-$((6*7))")
        try tmux.keys("Enter")
        try tmux.waitFor(text: "shell-42")
        try tmux.type("fg")
        try tmux.keys("Enter")
        try tmux.waitFor("the editor again") { $0.contains("INT. CAR - DAY") && !$0.contains("Stopped") }
        try tmux.keys("C-End")
        try tmux.type("Back.")
        try tmux.keys("C-s")
        try waitForSave(tmux, path: path, equal: "INT. CAR - DAY\nBack.")
        try tmux.keys("C-q")
        try tmux.poll("intercut to exit") { try tmux.childPID() == nil }
    }

    @Test func sigtermAndSighupRestoreTheTerminalAndKeepAJournal() throws {
        for signal in [SIGTERM, SIGHUP] {
            // sh -c, not bash: readline would change the modes we check.
            let tmux = try TmuxSession(width: 80, height: 24) { session in
                TmuxSession.intercutCommand([session.file("t.fountain")])
                    + "; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | tr '\\n' ' '; sleep 60"
            }
            try tmux.waitFor(text: "t.fountain")
            try tmux.type("Unsaved words.")
            try tmux.waitFor(text: "Unsaved words.")
            let pid = try #require(try tmux.childPID())
            kill(pid, signal)
            try tmux.waitFor(text: "EXIT=\(128 + signal)")
            try tmux.waitFor("the terminal modes") { $0.contains("icanon echo") }
            let journals = try FileManager.default.contentsOfDirectory(atPath: tmux.journalDirectory)
            #expect(journals.count == 1, "the unsaved text is journaled")
        }
    }
}
