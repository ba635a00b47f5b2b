import Testing
@testable import Terminal

@Suite struct SuggestionConfigTests {
    @Test func readsTheSuggestionsSection() throws {
        let text = """
        [suggestions]
        count = 4
        max_tokens = 60
        temperature = 1
        top_p = 0.9
        regenerate_on_reject = false
        stop_at_beat = false
        context_tokens = 1024
        backend = "ollama"
        """
        let config = try IntercutConfig.parse(text).get().suggestions
        #expect(config.count == 4 && config.maxTokens == 60 && config.temperature == 1.0 && config.topP == 0.9)
        #expect(config.regenerateOnReject == false && config.stopAtBeat == false && config.stopAtScene == nil)
        #expect(config.contextTokens == 1024 && config.backend == "ollama")
        #expect(try IntercutConfig.parse("theme = \"dark\"").get().suggestions == SuggestionConfig())
    }

    @Test func badValuesAreOneLineProblems() {
        for text in ["[suggestions]\ncount = 0", "[suggestions]\ncount = 17", "[suggestions]\ntemperature = \"hot\"",
                     "[suggestions]\ntop_p = 2", "[suggestions]\nregenerate_on_reject = 1", "suggestions = 3",
                     "[suggestions]\nbackend = 5"] {
            guard case .failure(let failure) = IntercutConfig.parse(text) else { Issue.record("accepted \(text)"); continue }
            #expect(!failure.description.contains("\n") && failure.description.contains("suggestions"), "\(failure.description)")
        }
    }
}
