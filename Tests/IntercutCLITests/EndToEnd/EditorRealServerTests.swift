import Foundation
import Testing

/// The editor's suggestion loop through a real OpenAI-compatible server
/// (llama-cpp-python serving the default Gemma model), in tmux: run by
/// scripts/test-remote-real, which starts the server and sets
/// INTERCUT_REAL_OPENAI_URL (the `RealServerTests` filter picks this suite).
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable && RealServerURL.value != nil,
                             "set INTERCUT_REAL_OPENAI_URL (scripts/test-remote-real) and install tmux"))
struct EditorRealServerTests {
    func contents(_ path: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
    }

    func records(_ path: String) -> [[String: Any]] {
        (contents(path) ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    @Test func suggestionsStreamFromTheServerAndATakenOneIsSavedAndLogged() throws {
        let tmux = try TmuxSession(width: 140, height: 45)
        let path = tmux.file("remote.fountain")
        let start = "INT. VAULT - NIGHT\n\nMarlowe kneels at the dial. Vera holds the torch.\n\nMARLOWE\nQuiet. I'm listening.\n\n"
        try start.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: tmux.directory + "/config/intercut", withIntermediateDirectories: true)
        try """
        [suggestions]
        count = 3
        max_tokens = 48
        regenerate_on_reject = false
        backend = "server"

        [backends.server]
        kind = "openai"
        url = "\(RealServerURL.value!)"
        read_timeout = 120
        """.write(toFile: tmux.directory + "/config/intercut/config.toml", atomically: true, encoding: .utf8)
        // No INTERCUT_MODEL: the embedded engine must not be what answers.
        try tmux.launchIntercut([path])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "openai ·", timeout: 30)
        try tmux.keys("C-End", "C-Space")
        try tmux.waitFor(timeout: 120, "text streaming in from the server") { screen in
            let pane = PaneCandidates(screen)
            return (1...3).contains { pane[$0]?.status.hasPrefix("streaming") == true && pane[$0]?.text.isEmpty == false }
        }
        // llama-cpp-python serves one request at a time: stop the third while it waits or streams.
        try tmux.keys("C-p", "S-F6")
        try tmux.waitFor(text: "Suggestion 3 stopped")
        let settled = try tmux.waitFor(timeout: 180, "the other candidates finished") { screen in
            let pane = PaneCandidates(screen)
            let open = (1...2).compactMap { pane[$0] }
            return !open.isEmpty && open.allSatisfy { $0.status == "done" || $0.status.hasPrefix("error") }
                && pane[3]?.status == "stopped" && open.contains { $0.status == "done" && !$0.text.isEmpty }
        }
        let pane = PaneCandidates(settled)
        let take = pane[1].map { $0.status == "done" && !$0.text.isEmpty } == true ? 1 : 2
        try tmux.keys("C-n")
        if take == 2 { try tmux.keys("C-n") }
        try tmux.keys("C-t")
        try tmux.waitFor(text: "Suggestion \(take) taken")
        try tmux.keys("C-s")
        try tmux.poll("the save") { contents(path) != start }
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")

        let saved = contents(path) ?? ""
        #expect(saved.hasPrefix(start.trimmingCharacters(in: .newlines)), "the writer's text is kept")
        let log = records(tmux.directory + "/.remote.fountain.intercut/feedback.jsonl")
        let request = try #require(log.first { $0["event"] as? String == "request" })
        #expect(request["backend"] as? String == "openai")
        #expect((request["prompt"] as? String)?.hasSuffix("Quiet. I'm listening.\n\n") == true)
        let accepted = try #require(log.first { $0["event"] as? String == "outcome" && $0["outcome"] as? String == "accepted" })
        #expect(accepted["index"] as? Int == take - 1)
        let text = try #require(accepted["text"] as? String)
        #expect(saved.contains(text.trimmingCharacters(in: .whitespacesAndNewlines)), "the taken candidate is in the file")
        let stopped = log.first { $0["event"] as? String == "candidate" && $0["index"] as? Int == 2 }
        #expect(stopped?["finish"] as? String == "stopped")
        #expect(stopped?["stopped_alone"] as? Bool == true)
    }
}

/// The server scripts/test-remote-real started, e.g. http://127.0.0.1:8080/v1.
enum RealServerURL {
    static var value: String? {
        ProcessInfo.processInfo.environment["INTERCUT_REAL_OPENAI_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
