import ArgumentParser
import Foundation
import Fountain

/// `intercut import FILE.fdx [-o OUT.fountain]`: Final Draft / Fade In to Fountain.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a Final Draft or Fade In .fdx file to Fountain.",
        discussion: """
            Writes Fountain to OUT, or to standard output when -o is absent or "-". \
            Warnings (unknown paragraph types) go to standard error.
            """
    )

    @Argument(help: "The .fdx file to read (\"-\" for standard input).")
    var file: String

    @Option(name: .shortAndLong, help: "Where to write the Fountain text (\"-\" for standard output).")
    var output: String?

    func run() throws {
        let data: Data
        do {
            data = try CommandIO.readInput(file, limit: 50 * 1024 * 1024, what: "FDX")
        } catch {
            throw CommandIO.fail("import", "\(error)")
        }
        if let output, output != "-", CommandIO.sameFile(output, file) {
            throw CommandIO.fail("import", "refusing to overwrite the input file \(file) with Fountain")
        }
        let result: FDXImportResult
        do {
            result = try FDXImporter.fountain(fromFDX: data)
        } catch {
            throw CommandIO.fail("import", "\(file): \(error.description)")
        }
        for warning in result.warnings { CommandIO.warn("import", "\(file): \(warning)") }
        do {
            try CommandIO.writeOutput(Array(result.fountain.utf8), to: output)
        } catch {
            throw CommandIO.fail("import", "\(error)")
        }
    }
}
