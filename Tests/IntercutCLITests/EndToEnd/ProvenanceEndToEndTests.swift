import Foundation
import Provenance
import Testing

/// Provenance in the real binary in a real terminal: a script opened with
/// its sidecar, origin colours toggled with F12, a writer's edit inside an
/// AI line, a save, then the sidecar and `intercut provenance` checked.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct ProvenanceEndToEndTests {
    static let script = """
        INT. VAULT - NIGHT

        Marlowe kneels at the dial.

        Vera holds the torch.

        MARLOWE
        Two more turns.

        """

    /// Lines 2 ("Marlowe kneels…") and 7 ("Two more turns.") are AI.
    static func writeScript(_ path: String) throws {
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var spans = lines.map { _ in OriginSpans() }
        spans[2] = OriginSpans(.ai, over: lines[2])
        spans[7] = OriginSpans(.ai, over: lines[7])
        let sidecar = ProvenanceSidecar.path(forScript: path)
        try FileManager.default.createDirectory(atPath: (sidecar as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try ProvenanceSidecar(lines: lines, origins: ScriptOrigins(lines: spans)).encoded().write(to: URL(fileURLWithPath: sidecar))
    }

    /// The SGR escape sequences drawn on the screen row that shows `text`, up to it.
    static func styleBefore(_ text: String, in screen: String) -> String? {
        guard let row = screen.components(separatedBy: "\n").first(where: { $0.contains(text) }),
              let range = row.range(of: text) else { return nil }
        let prefix = row[..<range.lowerBound]
        // The last style set before the text starts.
        guard let escape = prefix.range(of: "\u{1B}[", options: .backwards) else { return "" }
        return String(prefix[escape.lowerBound...])
    }

    @Test func colouringEditingAndSavingKeepOriginsInStep() throws {
        let tmux = try TmuxSession(width: 100, height: 30)
        let path = tmux.file("heist.fountain")
        try Self.writeScript(path)
        try tmux.launchIntercut([path])
        try tmux.waitForFirstFrame()
        try tmux.waitFor(text: "Two more turns.")

        // Without origin colours, the two action lines are drawn alike.
        var screen = try tmux.screen(withAttributes: true)
        #expect(Self.styleBefore("Marlowe kneels", in: screen) == Self.styleBefore("Vera holds", in: screen))

        try tmux.keys("F12")
        try tmux.waitFor(text: "Origins: 2 AI, 0 AI-edited, 3 human lines")
        screen = try tmux.screen(withAttributes: true)
        let aiStyle = try #require(Self.styleBefore("Marlowe kneels", in: screen))
        #expect(aiStyle != Self.styleBefore("Vera holds", in: screen), "AI and human lines look different")
        #expect(aiStyle == Self.styleBefore("Two more turns.", in: screen), "both AI lines look alike")

        // The writer edits inside the first AI line: find "kneels", type before it.
        try tmux.keys("C-f")
        try tmux.type("kneels")
        try tmux.keys("Enter")
        try tmux.type("slowly ")
        try tmux.waitFor(text: "Marlowe slowly kneels at the dial.")
        screen = try tmux.screen(withAttributes: true)
        #expect(Self.styleBefore("kneels at the dial.", in: screen) != aiStyle, "the edited run is no longer plain AI")
        #expect(Self.styleBefore("Two more turns.", in: screen) == aiStyle, "the other AI line is untouched")

        try tmux.keys("C-s")
        try tmux.poll("the script to be saved") {
            (try? String(contentsOfFile: path, encoding: .utf8))?.contains("Marlowe slowly kneels at the dial.") == true
        }
        try tmux.waitFor(text: "Saved heist.fountain")
        try tmux.keys("C-q")
        try tmux.waitFor(text: "EXIT=0")

        // The sidecar holds the edit: the run is ai-edited, the typed word human.
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        let lines = saved.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let sidecar = try ProvenanceSidecar(data: Data(contentsOf: URL(fileURLWithPath: ProvenanceSidecar.path(forScript: path))))
        let restored = sidecar.origins(for: lines)
        #expect(restored.isExact)
        #expect(restored.origins[2].spans == [
            OriginSpan(bytes: 0..<8, origin: .aiEdited), OriginSpan(bytes: 15..<34, origin: .aiEdited),
        ])
        #expect(restored.origins[7].spans == [OriginSpan(bytes: 0..<15, origin: .ai)])

        let report = try CLIRunner.run(["provenance", path, "--json"])
        #expect(report.exitCode == 0)
        let total = try #require((try JSONSerialization.jsonObject(with: report.stdoutData) as? [String: Any])?["total"] as? [String: Int])
        #expect(total["lines"] == 5)
        #expect(total["ai_lines"] == 1)
        #expect(total["ai_edited_lines"] == 1)
        #expect(total["ai_edited_words"] == 5)   // "Marlowe", "kneels", "at", "the", "dial."
        #expect(total["ai_words"] == 3)          // "Two more turns."
    }
}
