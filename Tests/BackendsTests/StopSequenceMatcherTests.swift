import Testing
@testable import Backends

@Suite struct StopSequenceMatcherTests {
    /// Streams `pieces` through a matcher; returns the delivered text and whether it stopped.
    private func run(_ pieces: [String], stops: [String]) -> (String, Bool) {
        var matcher = StopSequenceMatcher(sequences: stops)
        var delivered = ""
        for piece in pieces {
            let (text, stopped) = matcher.feed(piece)
            delivered += text
            if stopped { return (delivered, true) }
        }
        return (delivered + matcher.flush(), false)
    }

    @Test func cutsAtAStopSequenceSplitAcrossPieces() {
        #expect(run(["VERA\nWe go", ".\n", "\nINT. HOUSE"], stops: ["\n\n"]) == ("VERA\nWe go.", true))
        #expect(run(["a", "E", "X", "T", ". ", "b"], stops: ["EXT."]) == ("a", true))
    }

    @Test func neverDeliversPartOfAStopSequence() {
        var matcher = StopSequenceMatcher(sequences: ["INT."])
        #expect(matcher.feed("go IN") == ("go ", false))
        #expect(matcher.feed("SIDE") == ("INSIDE", false))
    }

    @Test func theEarliestOfSeveralSequencesWins() {
        #expect(run(["x FADE OUT. y\n\nz"], stops: ["\n\n", "FADE OUT."]) == ("x ", true))
    }

    @Test func withoutAMatchEverythingIsDelivered() {
        #expect(run(["no ", "stop ", "here\n"], stops: ["\n\n"]) == ("no stop here\n", false))
        #expect(run(["plain"], stops: []) == ("plain", false))
    }
}
