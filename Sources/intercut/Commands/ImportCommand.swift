import ArgumentParser
import Foundation
import Fountain

/// `intercut import FILE.fdx [-o OUT.fountain]`: Final Draft / Fade In to Fountain.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a Final Draft or Fade In .fdx file to Fountain (e.g. intercut import draft.fdx -o draft.fountain).",
        discussion: """
            Writes Fountain to OUT, or to standard output when -o is absent or "-"; FILE may be - \
            for standard input. Warnings (unknown paragraph types) go to standard error. Files over \
            50 MB, and any DOCTYPE or ENTITY declaration, are refused.

            Examples:
              intercut import draft.fdx -o draft.fountain
              intercut import draft.fdx | intercut stats -
            """
    )

    /// The largest .fdx read; a feature-length Final Draft file is under 1 MB.
    static let sizeLimit = 50 * 1024 * 1024

    @Argument(help: "The .fdx file to read, or - for standard input.")
    var file: String

    @Option(name: .shortAndLong, help: "Where to write the Fountain text (default, or -: standard output).")
    var output: String?

    func run() throws {
        if let output, output != "-", file != "-",
           URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath()
            == URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath() {
            InputFile.fail("refusing to overwrite the input \(file) with its Fountain conversion")
        }
        let data = readLimited()
        let name = InputFile.displayName(file)
        let result: FDXImportResult
        do {
            result = try FDXImporter.fountain(fromFDX: data)
        } catch {
            InputFile.fail("\(name): \(error.description)")
        }
        for warning in result.warnings {
            FileHandle.standardError.write(Data("intercut: warning: \(name): \(warning)\n".utf8))
        }
        OutputFile.write(Array(result.fountain.utf8), to: output)
    }

    /// Reads the input, refusing more than `sizeLimit` bytes before holding
    /// them all in memory (a file by its size, stdin as it streams).
    private func readLimited() -> Data {
        let limitText = "\(Self.sizeLimit / (1024 * 1024)) MB"
        if file == "-" {
            var data = Data()
            while let chunk = try? FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
                data.append(chunk)
                if data.count > Self.sizeLimit { InputFile.fail("<stdin>: larger than \(limitText); not an .fdx file") }
            }
            return data
        }
        if let size = try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int, size > Self.sizeLimit {
            InputFile.fail("\(file): \(size / (1024 * 1024)) MB is larger than \(limitText); not an .fdx file")
        }
        do {
            return Data(try InputFile.read(file))
        } catch {
            InputFile.fail(error.message)
        }
    }
}
