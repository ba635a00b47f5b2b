import Testing
@testable import Fountain

/// Statistics on inputs small enough to count by hand.
@Suite struct ScriptStatisticsTests {
    static let script = """
        Title: Counting
        Author: Someone Here

        # Act One

        = A synopsis with five words.

        INT. KITCHEN - DAY

        Anna makes tea -- slowly.

        ANNA
        (beat)
        Where is the milk?

        BEN
        Gone.

        ANNA ^
        Again?

        /* A boneyard of many many many words that never count */

        EXT. GARDEN - NIGHT

        [[A note of six words here.]]

        BEN (V.O.)
        It *was* me.

        INT./EXT. CAR - CONTINUOUS

        I/E HOUSE - MORNING

        .FLASHBACK

        """

    let stats = ScriptStatistics(FountainDocument(parsing: script))

    @Test func countsScenesAndPages() {
        #expect(stats.scenes == 5)
        #expect(stats.pages == 1)
    }

    @Test func countsOnlyPrintedWords() {
        // Headings: INT. KITCHEN - DAY (3), EXT. GARDEN - NIGHT (3), INT./EXT. CAR - CONTINUOUS (3),
        // I/E HOUSE - MORNING (3), FLASHBACK (1) = 13. Action: Anna makes tea slowly (4; "--" is no word).
        // Cues: ANNA, BEN, ANNA, BEN V.O. = 5 (the extension counts as printed text). Parenthetical: beat (1).
        // Dialogue: Where is the milk? (4), Gone. (1), Again? (1), It was me. (3) = 9.
        // Title page, section, synopsis, boneyard and note are not counted.
        #expect(stats.words == 13 + 4 + 5 + 1 + 9)
    }

    @Test func countsEachCharactersBlocksAndDialogueWords() {
        let byName = Dictionary(uniqueKeysWithValues: stats.characters.map { ($0.name, $0) })
        #expect(byName["ANNA"]?.blocks == 2)
        #expect(byName["ANNA"]?.words == 5)  // parenthetical not counted
        #expect(byName["BEN"]?.blocks == 2)  // the V.O. block counts for BEN
        #expect(byName["BEN"]?.words == 4)
        #expect(stats.characters.count == 2)
        // Most blocks first, then most words.
        #expect(stats.characters.map(\.name) == ["ANNA", "BEN"])
    }

    @Test func splitsInteriorExteriorAndDayNight() {
        #expect(stats.placeSplit == ["int": 1, "ext": 1, "int_ext": 2, "other": 1])
        #expect(stats.timeSplit == ["day": 2, "night": 1, "other": 2])
        #expect(stats.timesOfDay["CONTINUOUS"] == 1 && stats.timesOfDay[""] == 1)
    }

    @Test func lyricsUnderACueCountForTheSinger() {
        let sung = ScriptStatistics(FountainDocument(parsing: "ADA\n~Round and round we go\n\n~Nobody sings this\n"))
        #expect(sung.characters.first?.words == 5)
        #expect(sung.words == 1 + 5 + 3)
    }

    @Test func wordCountIgnoresPunctuationOnlyTokens() {
        #expect(ScriptStatistics.wordCount("Wait -- what ... now?") == 3)
        #expect(ScriptStatistics.wordCount("  ") == 0)
        #expect(ScriptStatistics.wordCount("Zoë's café, 1987") == 3)
    }

    @Test func emptyScriptHasNoPages() {
        let empty = ScriptStatistics(FountainDocument(parsing: ""))
        #expect(empty.pages == 0 && empty.scenes == 0 && empty.words == 0 && empty.characters.isEmpty)
    }
}
