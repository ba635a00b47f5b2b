import Testing
@testable import Assistant

@Suite struct CandidatePostProcessorTests {
    private func processor(before newlines: Int, lead: String = "", cast: [String] = ["VERA", "MARLOWE"],
                           beat: Bool = true, scene: Bool = true) -> CandidatePostProcessor {
        let prompt = BuiltPrompt(text: "", lead: lead, newlinesBeforeCursor: newlines, cast: cast, tokenCount: 0,
                                 firstIncludedLine: 0)
        return CandidatePostProcessor(prompt: prompt, stopAtBeat: beat, stopAtScene: scene)
    }

    @Test func endsAfterTheFirstBlockOnceABlankLineFollows() {
        let p = processor(before: 2)
        let open = p.process("VERA\nWe go now.")
        #expect(open.text == "VERA\nWe go now.")
        #expect(!open.complete)
        let done = p.process("VERA\nWe go now.\n\nMARLOWE\nNo.")
        #expect(done.text == "VERA\nWe go now.")
        #expect(done.complete)
        #expect(done.repairs.isEmpty)
    }

    @Test func leadingLineBreaksAreNotContentAndAreBroughtToWhatTheCursorNeeds() {
        let p = processor(before: 0)
        let result = p.process("\n\n\n\nThe alarm blinks.\n\n")
        #expect(result.text == "\n\nThe alarm blinks.")
        #expect(result.complete)
        #expect(result.repairs == ["line-breaks"])
        // Continuing the line at the cursor.
        #expect(p.process(" He waits.\n\nVERA").text == " He waits.")
    }

    @Test func aSceneHeadingFirstTakesTheNextBlockAndANewSceneEndsTheCandidate() {
        let p = processor(before: 2)
        let heading = p.process("EXT. ROOF - NIGHT\n\nVera runs.\n\nMARLOWE\nWait.")
        #expect(heading.text == "EXT. ROOF - NIGHT\n\nVera runs.")
        let unbounded = processor(before: 2, beat: false)
        let cut = unbounded.process("Vera runs.\n\nShe stops.\n\nINT. CAR - NIGHT\n\nEngine.")
        #expect(cut.text == "Vera runs.\n\nShe stops.")
        #expect(cut.complete)
    }

    @Test func lowerCaseNameLineOverSpeechBecomesACue() {
        let p = processor(before: 2)
        let result = p.process("Vera\nWe're out of time.\n\n")
        #expect(result.text == "VERA\nWe're out of time.")
        #expect(result.repairs == ["cue-case"])
        let unknown = p.process("old man (V.O.)\nListen.\n\n")
        #expect(unknown.text == "old man (V.O.)\nListen.", "not capitalized and not in the cast: left as action")
    }

    @Test func aCueGluedUnderTheParagraphGetsItsBlankLine() {
        let p = processor(before: 0)
        let result = p.process("\nVERA\nRun.\n\n")
        #expect(result.text == "\n\nVERA\nRun.")
        #expect(result.repairs.contains("line-breaks"))
        let inside = processor(before: 2, beat: false).process("Vera runs.\nMARLOWE\nStop!")
        #expect(inside.text == "Vera runs.\n\nMARLOWE\nStop!")
        #expect(inside.repairs == ["cue-spacing"])
    }

    @Test func notesTheModelImitatesAndUnclosedNotesAreRemoved() {
        let p = processor(before: 2, beat: false)
        #expect(p.process("[[Cast: VERA]]\n\nVera runs.").text == "Vera runs.")
        let unclosed = p.process("Vera runs. [[she is afraid")
        #expect(unclosed.text == "Vera runs.")
        #expect(unclosed.repairs == ["unclosed-note"])
        #expect(p.process("Vera /* hidden").repairs == ["unclosed-boneyard"])
    }

    @Test func closersWithNoOpenerAreRemovedWithTheLinesTheyLeaveBlank() {
        let p = processor(before: 2, beat: false)
        // Seen with the real model after a script with notes and boneyard.
        let onlyClosers = p.process("]]\n]]")
        #expect(!onlyClosers.hasContent)
        #expect(onlyClosers.repairs == ["stray-closer"])
        let heading = p.process("*/\nEXT. STORE - DAY\n\nThe banner falls.")
        #expect(heading.text == "EXT. STORE - DAY\n\nThe banner falls.")
        #expect(heading.repairs == ["stray-closer"])
        #expect(p.process("Vera runs.]] Fast.").text == "Vera runs. Fast.")
        // Closers of a note or boneyard opened in the candidate stay.
        let paired = p.process("Vera runs. [[she is afraid]] /* cut */ Fast.")
        #expect(paired.text == "Vera runs. [[she is afraid]] /* cut */ Fast.")
        #expect(paired.repairs.isEmpty)
        let mixed = p.process("]]\n\nVera runs. [[late]] ]]\n\nMarlowe waits.")
        #expect(mixed.text == "Vera runs. [[late]]\n\nMarlowe waits.")
    }

    @Test func dialogueLeadKeepsSpeechUnderTheCue() {
        let p = processor(before: 2, lead: "VERA\n")
        let result = p.process("\nI never said that.\n\nMARLOWE\nYou did.")
        #expect(result.text == "VERA\nI never said that.")
        #expect(result.hasContent)
        #expect(!p.process("").hasContent)
    }

    @Test func punctuationWithoutWordsIsNoContent() {
        let p = processor(before: 2, beat: false)
        // Seen with the real model at the end of a long script.
        for junk in [">>", "...", "- - -", "!!\n\n??"] {
            #expect(!p.process(junk).hasContent, "\(junk)")
        }
        #expect(p.process("> FADE OUT.").hasContent)
        #expect(p.process("#7").hasContent)
        #expect(processor(before: 2, lead: "VERA\n").process("...").hasContent == false)
    }
}
