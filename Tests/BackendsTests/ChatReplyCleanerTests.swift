import Testing
@testable import Backends

@Suite struct ChatReplyCleanerTests {
    private func clean(_ reply: String, pieceLength: Int) -> String {
        var cleaner = ChatReplyCleaner()
        var output = ""
        var rest = Substring(reply)
        while !rest.isEmpty {
            output += cleaner.feed(String(rest.prefix(pieceLength)))
            rest = rest.dropFirst(pieceLength)
        }
        return output + cleaner.finish()
    }

    private func cleanAllWays(_ reply: String) -> Set<String> {
        Set([1, 2, 3, 5, 8, 1000].map { clean(reply, pieceLength: $0) })
    }

    @Test func stripsPreambleFencesAndChatterAfterTheClosingFence() {
        let reply = "Sure! Here's the continuation of your scene:\n\n```fountain\nVERA\nWe go now.\n```\nLet me know if you want more."
        #expect(cleanAllWays(reply) == ["VERA\nWe go now.\n"])
    }

    @Test func stripsRoleMarkers() {
        #expect(cleanAllWays("Assistant:\nMarlowe turns the dial.\n") == ["Marlowe turns the dial.\n"])
        #expect(cleanAllWays("<start_of_turn>model\nMARLOWE\nQuiet.") == ["MARLOWE\nQuiet."])
    }

    @Test func leavesAPlainContinuationAlone() {
        let reply = "The alarm light blinks red.\n\nVERA\nOkay, here we go.\n`quoted`"
        #expect(cleanAllWays(reply) == [reply])
    }

    @Test func keepsShoutedDialogueThatLooksLikeAPreamble() {
        #expect(cleanAllWays("OKAY, HERE WE GO!\n") == ["OKAY, HERE WE GO!\n"])
    }
}
