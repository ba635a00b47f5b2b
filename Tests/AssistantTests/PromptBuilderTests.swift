import Testing
@testable import Assistant

@Suite struct PromptBuilderTests {
    static let script = """
        Title: The Quiet Dial
        Author: A. Writer

        INT. VAULT - NIGHT

        Marlowe kneels at the dial.

        MARLOWE
        Quiet. I'm listening.

        EXT. ROOF - NIGHT

        Vera watches the street.

        VERA
        They're coming.

        """

    private func builder(budget: Int = 2048, style: PromptStyle = .completion) -> PromptBuilder {
        PromptBuilder(settings: SuggestionSettings(contextBudget: budget, promptStyle: style), budget: .estimate)
    }

    @Test func titleCastOlderScenesAndCurrentSceneEndingAtTheCursor() {
        let lines = Self.script.split(separator: "\n", omittingEmptySubsequences: false)
        let cursor = lines.firstIndex(of: "Vera watches the street.")!
        let prompt = builder().build(SuggestionAsk(script: Self.script, cursorLine: cursor, cursorColumn: 4))
        #expect(prompt.text.hasPrefix("Title: The Quiet Dial\nAuthor: A. Writer\n\nINT. VAULT - NIGHT"))
        #expect(prompt.text.hasSuffix("[[Cast: MARLOWE, VERA]]\n\nEXT. ROOF - NIGHT\n\nVera"))
        #expect(prompt.text.contains("Quiet. I'm listening.\n\n[[Cast"))
        #expect(prompt.cast == ["MARLOWE", "VERA"])
        #expect(prompt.newlinesBeforeCursor == 0)
        #expect(!prompt.text.contains("They're coming"))
    }

    @Test func olderScenesThatDoNotFitAreLeftOutWhole() {
        let lines = Self.script.split(separator: "\n", omittingEmptySubsequences: false)
        let cursor = lines.count - 1
        let full = builder().build(SuggestionAsk(script: Self.script, cursorLine: cursor, cursorColumn: 0))
        #expect(full.text.contains("INT. VAULT"))
        let tight = builder(budget: full.tokenCount - 5).build(SuggestionAsk(script: Self.script, cursorLine: cursor, cursorColumn: 0))
        #expect(!tight.text.contains("INT. VAULT"))
        #expect(!tight.text.contains("Marlowe kneels"))
        #expect(tight.text.contains("EXT. ROOF - NIGHT\n\nVera watches the street.\n\nVERA\nThey're coming.\n"))
        #expect(tight.tokenCount <= full.tokenCount - 5)
    }

    @Test func directionIsANoteForCompletionModelsAndLeftOutForChat() {
        let lines = Self.script.split(separator: "\n", omittingEmptySubsequences: false)
        let ask = SuggestionAsk(script: Self.script, cursorLine: lines.count - 1, cursorColumn: 0, direction: "Vera lies")
        let completion = builder().build(ask)
        #expect(completion.text.hasSuffix("They're coming.\n\n[[Vera lies]]\n"))
        let chat = builder(style: .chat).build(ask)
        #expect(!chat.text.contains("Vera lies"))
    }

    @Test func elementAskEndsWithTheCue() {
        let lines = Self.script.split(separator: "\n", omittingEmptySubsequences: false)
        let end = lines.count - 2  // "They're coming."
        let ask = SuggestionAsk(script: Self.script, cursorLine: end, cursorColumn: lines[end].count,
                                element: .dialogue(character: "marlowe"))
        let prompt = builder().build(ask)
        #expect(prompt.lead == "\n\nMARLOWE\n")
        #expect(prompt.text.hasSuffix("They're coming.\n\nMARLOWE\n"))
    }

    @Test func onTheBlankLineUnderAParagraphThePromptEndsWithABlankLineAndCandidatesStartOne() {
        let script = "INT. VAULT - NIGHT\n\nMarlowe kneels at the dial.\n\nMarlowe waits."
        // The blank line between two paragraphs, and the empty line under the last one.
        for (text, line) in [(script, 3), ("INT. VAULT - NIGHT\n\nMarlowe kneels at the dial.\n", 3)] {
            let prompt = builder().build(SuggestionAsk(script: text, cursorLine: line, cursorColumn: 0))
            #expect(prompt.text.hasSuffix("Marlowe kneels at the dial.\n\n"), "the model starts a new element")
            #expect(prompt.lead == "\n")
            #expect(prompt.newlinesBeforeCursor == 1)
            let processor = CandidatePostProcessor(prompt: prompt, stopAtBeat: true, stopAtScene: true)
            #expect(processor.process("The dial clicks.\n\nVERA\nNow.").text == "\nThe dial clicks.")
            #expect(processor.process("\nVERA\nNow.\n\n").text == "\nVERA\nNow.", "extra breaks come to one blank line")
        }
        // A transition or heading above is a paragraph like any other.
        let transition = builder().build(SuggestionAsk(script: "INT. VAULT - NIGHT\n\nVera runs.\n\nCUT TO:\n", cursorLine: 5, cursorColumn: 0))
        #expect(transition.lead == "\n")
        // Already a blank line above: nothing to add.
        let spaced = builder().build(SuggestionAsk(script: script + "\n\n", cursorLine: 6, cursorColumn: 0))
        #expect(spaced.lead == "")
        #expect(spaced.text.hasSuffix("Marlowe waits.\n\n"))
    }

    @Test func onTheBlankLineUnderDialogueThePromptContinuesTheSpeech() {
        let script = "INT. VAULT - NIGHT\n\nVERA\n(quietly)\nWe go now.\n\nMarlowe waits."
        let prompt = builder().build(SuggestionAsk(script: script, cursorLine: 5, cursorColumn: 0))
        #expect(prompt.lead == "")
        #expect(prompt.text.hasSuffix("We go now.\n"))
        let processor = CandidatePostProcessor(prompt: prompt, stopAtBeat: true, stopAtScene: true)
        #expect(processor.process("Before the guard comes back.\n\nMARLOWE\nNo.").text == "Before the guard comes back.")
        #expect(processor.process("\nMARLOWE\nNo.\n\n").text == "\nMARLOWE\nNo.", "a new block still gets its blank line")
        // Under a cue the writer just typed (the speech line Enter opened).
        let cue = builder().build(SuggestionAsk(script: "INT. VAULT - NIGHT\n\nVera runs.\n\nMARLOWE\n", cursorLine: 5, cursorColumn: 0))
        #expect(cue.lead == "")
        #expect(cue.text.hasSuffix("MARLOWE\n"))
        // Under a parenthetical.
        let paren = builder().build(SuggestionAsk(script: "INT. VAULT - NIGHT\n\nVERA\n(quietly)\n", cursorLine: 4, cursorColumn: 0))
        #expect(paren.lead == "")
    }
}
