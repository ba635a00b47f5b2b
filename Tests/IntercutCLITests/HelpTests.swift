import Foundation
import Testing

@Suite struct HelpTests {
    @Test func helpListsSubcommandsAndExitsZero() throws {
        let result = try CLIRunner.run(["--help"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("USAGE: intercut"))
    }

    /// The contract: `--help` gives every subcommand a one-line purpose and an example.
    @Test func everySubcommandShowsAnExample() throws {
        let help = try CLIRunner.run(["--help"]).stdout
        let afterHeading = help.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let section = afterHeading.components(separatedBy: "See 'intercut help").first ?? ""
        var entries: [String] = []
        for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  ") && !line.hasPrefix("   ") && !line.allSatisfy({ $0 == " " }) {
                entries.append(String(line))
            } else if line.hasPrefix("   "), !entries.isEmpty {
                entries[entries.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            }
        }
        #expect(entries.count >= 9, "expected every subcommand in --help, got \(entries)")
        for entry in entries {
            #expect(entry.contains("e.g. intercut"), "no example: \(entry)")
        }
    }

    @Test func unknownFlagIsOneLineErrorAndNonZeroExit() throws {
        let result = try CLIRunner.run(["--no-such-flag"])
        #expect(result.exitCode != 0)
        #expect(!result.stderr.isEmpty)
    }
}
