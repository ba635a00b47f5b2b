import Foundation
import Testing

/// The suggestion loop as a writer drives it: the real binary in tmux with
/// the real embedded model (skipped when no model is installed on this
/// machine), plus the no-model case.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct SuggestionEndToEndTests {
    /// The installed model of the account running the tests (tmux sessions get a scratch HOME).
    static var realModel: String? {
        let path = (ProcessInfo.processInfo.environment["INTERCUT_MODEL"]).flatMap { $0.isEmpty ? nil : $0 }
            ?? NSHomeDirectory() + "/.cache/intercut/models/gemma-3-270m-q4_k_m.gguf"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    static let example = CLIRunner.repositoryRoot.appendingPathComponent("examples/the-quiet-dial.fountain")

    func contents(_ path: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The writer's decision on each candidate of a feedback log, in the order
    /// first decided; a later record of a candidate (a partial take that grew)
    /// replaces its earlier one, as `intercut feedback` reads it.
    func outcomes(_ logPath: String) -> [String] {
        var order: [String] = []
        var last: [String: String] = [:]
        for line in (contents(logPath) ?? "").split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["event"] as? String == "outcome", let outcome = object["outcome"] as? String else { continue }
            let key = "\(object["session"] ?? "")/\(object["request"] ?? "")/\(object["index"] ?? "")/\(object["attempt"] ?? 0)"
            if last[key] == nil { order.append(key) }
            last[key] = outcome
        }
        return order.compactMap { last[$0] }
    }

    /// Pane headers of finished candidates ("1 ▸ done", "2   done").
    func finishedCandidates(_ screen: String) -> Int {
        ["1", "2", "3", "4"].filter { n in screen.contains("\(n) ▸ done") || screen.contains("\(n)   done") }.count
    }

    func writeConfig(_ tmux: TmuxSession, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: tmux.directory + "/config/intercut", withIntermediateDirectories: true)
        try text.write(toFile: tmux.directory + "/config/intercut/config.toml", atomically: true, encoding: .utf8)
    }

    @Test(.enabled(if: realModel != nil, "no model installed (intercut model install)"))
    func requestStreamTakeEditRejectSave() throws {
        let tmux = try TmuxSession(width: 140, height: 45)
        let path = tmux.file("the-quiet-dial.fountain")
        // The example up to its last action line: the writer asks mid-scene,
        // not after THE END (where every candidate is a near-duplicate ending).
        let example = try String(contentsOf: Self.example, encoding: .utf8)
        let cut = try #require(example.range(of: "\n>FADE OUT."))
        try String(example[..<cut.lowerBound]).write(toFile: path, atomically: true, encoding: .utf8)
        let original = contents(path) ?? ""
        // Four asked, so that three remain if one is dropped as a duplicate.
        try writeConfig(tmux, "[suggestions]\ncount = 4\nregenerate_on_reject = false\nmax_tokens = 40\n")
        try tmux.launchIntercut([path], environment: ["INTERCUT_MODEL": Self.realModel!])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "EXT. HARBOUR ROAD - NIGHT")
        try tmux.waitFor(text: "embedded", timeout: 30)
        try tmux.keys("C-End")
        try tmux.keys("C-Space")
        try tmux.waitFor(timeout: 90, "three finished candidates") {
            finishedCandidates($0) >= 3 && !$0.contains("streaming") && !$0.contains("queued")
        }
        // Part of the first: its next word.
        try tmux.keys("F4")
        // Edit the second in the script, then keep it.
        try tmux.keys("C-n", "C-e")
        try tmux.waitFor(text: "Editing suggestion 2")
        try tmux.type(" Quietly.")
        try tmux.keys("C-e")
        try tmux.waitFor(text: "Suggestion kept")
        // Reject the third (focus moved on to it after the edit).
        try tmux.keys("F7")
        try tmux.waitFor(text: "rejected")
        try tmux.waitFor(text: "% kept")
        try tmux.keys("C-s")
        try tmux.poll("the save") { contents(path) != original }
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")

        let saved = contents(path) ?? ""
        #expect(saved.hasPrefix(original.trimmingCharacters(in: .newlines)), "the script is kept")
        #expect(saved.contains(" Quietly."), "the edited suggestion is in the file")
        #expect(saved.count > original.count + " Quietly.".count, "the accepted text is in the file")
        let log = tmux.directory + "/.the-quiet-dial.fountain.intercut/feedback.jsonl"
        // The three decisions; a fourth candidate left on offer counts as ignored.
        let decided = outcomes(log).filter { $0 != "ignored" }
        #expect(Set(decided) == ["accepted_part", "edited", "rejected"], "\(outcomes(log))")
        #expect(decided.count == 3)

        let provenance = try CLIRunner.run(["provenance", path, "--json"])
        if provenance.exitCode == 0, let json = try? JSONSerialization.jsonObject(with: provenance.stdoutData) as? [String: Any],
           let total = json["total"] as? [String: Any] {
            let aiLines = (total["ai_lines"] as? Int ?? 0) + (total["ai_edited_lines"] as? Int ?? 0)
            #expect(aiLines >= 1, "provenance counts the AI lines: \(total)")
        } else {
            Issue.record("intercut provenance failed: \(provenance.stderr)")
        }
        let export = try CLIRunner.run(["feedback", "export", path, "--format", "dpo"])
        #expect(export.exitCode == 0, "\(export.stderr)")
        let pairs = export.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(pairs.contains { $0["prompt"] is String && $0["chosen"] is String && $0["rejected"] is String }, "\(export.stdout)")
    }

    @Test(.enabled(if: realModel != nil, "no model installed (intercut model install)"))
    func killMinus9WhileStreamingLosesNeitherTextNorDecisions() throws {
        let tmux = try TmuxSession(width: 140, height: 40)
        let path = tmux.file("crash.fountain")
        let start = "INT. VAULT - NIGHT\n\nMarlowe kneels at the dial. Vera holds the torch.\n\n"
        try start.write(toFile: path, atomically: true, encoding: .utf8)
        try writeConfig(tmux, "[suggestions]\nregenerate_on_reject = false\nmax_tokens = 200\nstop_at_beat = false\nstop_at_scene = false\n")
        try tmux.launchIntercut([path], environment: ["INTERCUT_MODEL": Self.realModel!])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "embedded", timeout: 30)
        try tmux.keys("C-End", "C-Space")
        try tmux.waitFor(timeout: 60, "a candidate streaming") { $0.contains("streaming") }
        try tmux.keys("F7")
        let typed = "Vera listens at the door."
        try tmux.type(typed)
        try tmux.waitFor(text: typed)
        try tmux.waitForJournal("the journal to catch up") { $0.contains(typed) }
        let pid = try #require(try tmux.childPID())
        kill(pid, SIGKILL)
        try tmux.waitFor(text: "EXIT=137")
        let log = tmux.directory + "/.crash.fountain.intercut/feedback.jsonl"
        #expect(outcomes(log) == ["rejected"], "the decision made before the kill is logged")
        try tmux.launchIntercut([path], environment: ["INTERCUT_MODEL": Self.realModel!])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "Recover")
        try tmux.type("y")
        try tmux.waitFor(text: typed)
        try tmux.keys("C-s")
        try tmux.poll("the save") { contents(path)?.contains(typed) == true }
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")
    }

    @Test(.enabled(if: realModel != nil, "no model installed (intercut model install)"))
    func stopOneOfThreeWhileStreamingThenSaveAsKeepsTheLog() throws {
        let tmux = try TmuxSession(width: 140, height: 45)
        let path = tmux.file("draft.fountain"), renamed = tmux.file("heist.fountain")
        let start = "INT. VAULT - NIGHT\n\nMarlowe kneels at the dial. Vera holds the torch.\n\n"
        try start.write(toFile: path, atomically: true, encoding: .utf8)
        // Long candidates (no beat or scene stop), so there is time to stop one mid-stream.
        try writeConfig(tmux, "[suggestions]\ncount = 3\nregenerate_on_reject = false\nmax_tokens = 120\nstop_at_beat = false\nstop_at_scene = false\n")
        try tmux.launchIntercut([path], environment: ["INTERCUT_MODEL": Self.realModel!])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "embedded", timeout: 30)
        try tmux.keys("C-End", "C-Space")
        // Whichever candidate is caught streaming a few words is stopped (one
        // may reach its end of text early): `number` is its pane number.
        func streaming(_ screen: String) -> Int? {
            let pane = PaneCandidates(screen)
            return (1...3).first { n in
                pane[n].map { $0.status.hasPrefix("streaming") && $0.text.split(separator: " ").count >= 2 } == true
            }
        }
        let caught = try tmux.waitFor(timeout: 90, "a candidate streaming with some words") { streaming($0) != nil }
        let number = streaming(caught)!
        try tmux.tmux(["send-keys", "-t", "main"] + Array(repeating: "C-n", count: number - 1) + ["S-F6"])
        try tmux.waitFor(text: "Suggestion \(number) stopped")
        // The other two go on to their end while it stays stopped. Read from
        // the log (a candidate's record is written when it ends): a long
        // candidate 1 can push candidate 3 below the pane's last row.
        let oldLog = tmux.directory + "/.draft.fountain.intercut/feedback.jsonl"
        func firstRequestCandidates() -> [[String: Any]] {
            (contents(oldLog) ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }.filter { $0["event"] as? String == "candidate" && $0["request"] as? Int == 1 }
        }
        try tmux.poll(timeout: 120, "the other candidates finished") {
            Set(firstRequestCandidates().compactMap { $0["index"] as? Int }).isSuperset(of: [0, 1, 2])
        }
        #expect(PaneCandidates(try tmux.screen())[number]?.status == "stopped")
        // The stopped candidate's text is taken like any other.
        try tmux.keys("C-t")
        try tmux.waitFor(text: "Suggestion \(number) taken")
        // Save As: the decisions made afterwards go to the new name's log, with the history.
        try tmux.keys("C-w")
        try tmux.waitFor(text: "Save as:")
        try tmux.tmux(["send-keys", "-t", "main", "-N", "\(path.count + 5)", "BSpace"])
        try tmux.type(renamed)
        try tmux.keys("Enter")
        try tmux.waitFor(text: "Saved heist.fountain")
        try tmux.keys("C-Space")
        func finished(_ screen: String) -> Int? {
            let pane = PaneCandidates(screen)
            return (1...3).first { n in pane[n].map { $0.status == "done" && !$0.text.isEmpty } == true }
        }
        let offered = try tmux.waitFor(timeout: 120, "a new candidate to reject") { finished($0) != nil }
        let rejected = finished(offered)!
        try tmux.tmux(["send-keys", "-t", "main"] + Array(repeating: "C-n", count: rejected - 1) + ["F7"])
        try tmux.waitFor(text: "Suggestion \(rejected) rejected")
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")

        let newLog = tmux.directory + "/.heist.fountain.intercut/feedback.jsonl"
        let candidates = firstRequestCandidates()
        let stopped = try #require(candidates.first { $0["index"] as? Int == number - 1 })
        #expect(stopped["finish"] as? String == "stopped")
        #expect(stopped["stopped_alone"] as? Bool == true)
        #expect(candidates.filter { $0["index"] as? Int != number - 1 }.allSatisfy { ($0["finish"] as? String).map { $0 != "stopped" } == true },
                "the others ended by themselves: \(candidates)")
        let stoppedText = try #require(stopped["text"] as? String)
        #expect((contents(renamed) ?? "").contains(stoppedText.trimmingCharacters(in: .whitespacesAndNewlines)),
                "the stopped candidate's text, as it was when stopped, is in the saved script")
        #expect(contents(path) == start, "the first name keeps the text it had")
        #expect(FileManager.default.fileExists(atPath: tmux.directory + "/.heist.fountain.intercut/provenance.json"),
                "the new name has its provenance sidecar (the taken text is AI)")
        let report = try CLIRunner.run(["provenance", renamed, "--json"])
        let total = (try? JSONSerialization.jsonObject(with: report.stdoutData) as? [String: Any])?["total"] as? [String: Any]
        #expect((total?["ai_lines"] as? Int ?? 0) >= 1, "provenance of the new name counts the taken text: \(report.stdout) \(report.stderr)")
        #expect(outcomes(oldLog) == ["accepted", "ignored", "ignored"])
        #expect(!outcomes(oldLog).contains("rejected"), "the later decision is not in the old log")
        #expect(outcomes(newLog).filter { $0 == "accepted" }.count == 1, "the history came along: \(outcomes(newLog))")
        #expect(outcomes(newLog).contains("rejected"))
    }

    @Test func noModelSaysHowToGetOneAndEditingWorks() throws {
        let tmux = try TmuxSession(width: 120, height: 30)
        let path = tmux.file("plain.fountain")
        try "INT. PIER - DAWN\n\n".write(toFile: path, atomically: true, encoding: .utf8)
        try tmux.launchIntercut([path])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "No model installed", timeout: 15)
        try tmux.keys("C-End", "C-Space")
        try tmux.waitFor(text: "run `intercut model install`")
        try tmux.type("Gulls circle.")
        try tmux.waitFor(text: "Gulls circle.")
        try tmux.keys("C-s")
        try tmux.poll("the save") { contents(path) == "INT. PIER - DAWN\n\nGulls circle." }
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")
    }
}

/// The suggestion pane read off a tmux screen: each candidate's header
/// ("2 ▸ streaming · 31 tok/s") and text rows, right of the pane's border.
struct PaneCandidates {
    struct Candidate {
        var status: String
        var text: String
    }

    private var candidates: [Int: Candidate] = [:]

    init(_ screen: String) {
        var current: Int?
        for line in screen.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let border = line.lastIndex(of: "│") else { continue }
            let row = line[line.index(after: border)...].dropFirst()   // the pane's left padding
            let words = row.split(separator: " ", omittingEmptySubsequences: true)
            if let first = words.first, let number = Int(first), row.hasPrefix("\(number) "), words.count >= 2 {
                let status = words.drop { $0 == first || $0 == "▸" }.joined(separator: " ")
                candidates[number] = Candidate(status: status, text: "")
                current = number
            } else if let current, row.hasPrefix("  ") {
                let text = row.trimmingCharacters(in: .whitespaces)
                candidates[current]!.text += (candidates[current]!.text.isEmpty ? "" : " ") + text
            } else if row.trimmingCharacters(in: .whitespaces).isEmpty == false, !row.hasPrefix("  ") {
                current = nil
            }
        }
    }

    subscript(number: Int) -> Candidate? { candidates[number] }
}
