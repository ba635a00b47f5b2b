import Foundation
import Testing

@Suite struct NotATerminalTests {
    @Test func editorWithoutATerminalIsAOneLineErrorAndNonZeroExit() throws {
        let result = try CLIRunner.run(["some.fountain"])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("needs a terminal"))
        #expect(result.stderr.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1)
    }

    @Test func helpListsTheEditCommand() throws {
        let result = try CLIRunner.run(["--help"])
        #expect(result.stdout.contains("edit"))
    }
}
