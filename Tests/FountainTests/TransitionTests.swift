import Testing
@testable import Fountain

struct TransitionTests {
    @Test(arguments: ["CUT TO:", "SMASH CUT TO:", "DISSOLVE TO:"])
    func upperCaseEndingInTo(_ line: String) {
        #expect(shape("Action.\n\n\(line)\n\nINT. A - DAY") == ["action:Action.", "transition:\(line)", "scene_heading:INT. A - DAY"])
    }

    @Test func forcedWithGreaterThan() {
        let e = parse(">Burn to White.\n")
        #expect(e[0].kind == .transition)
        #expect(e[0].text == "Burn to White.")
        #expect(parse("> FADE OUT.\n")[0].text == "FADE OUT.")
    }

    @Test func notTransitions() {
        #expect(parse("NOT A TRANSITION TO:  \n\nBecause.")[0].kind == .action)
        #expect(parse("Cut to:\n\nX.")[0].kind == .action)
        // The spec accepts only `TO:` unforced; FADE OUT. needs `>` (peers differ).
        #expect(parse("FADE OUT.\n\nX.")[0].kind == .action)
    }

    @Test func needsBlankAfter() {
        #expect(shape("CUT TO:\nINT. HOUSE") == ["character:CUT TO:", "dialogue:INT. HOUSE"])
    }
}
