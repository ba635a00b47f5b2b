import Testing

@Suite struct HelpTests {
    @Test func helpListsSubcommandsAndExitsZero() throws {
        let result = try CLIRunner.run(["--help"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("USAGE: intercut"))
    }

    @Test func unknownFlagIsOneLineErrorAndNonZeroExit() throws {
        let result = try CLIRunner.run(["--no-such-flag"])
        #expect(result.exitCode != 0)
        #expect(!result.stderr.isEmpty)
    }
}
