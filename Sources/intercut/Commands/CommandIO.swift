import ArgumentParser
import Foundation

/// Reading inputs, writing outputs and reporting errors the way every
/// headless subcommand does: `-` means stdin/stdout, files are written
/// atomically, and an error is one line on stderr with a non-zero exit.
enum CommandIO {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads `path` ("-" for stdin), refusing anything larger than `limit`
    /// bytes before reading it whole.
    static func readInput(_ path: String, limit: Int, what: String) throws -> Data {
        if path == "-" {
            var data = Data()
            while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
                data.append(chunk)
                if data.count > limit { throw Failure(description: "standard input is larger than \(limit / (1024 * 1024)) MB") }
            }
            return data
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure(description: "\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw Failure(description: "\(path): is a directory") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= limit else {
            throw Failure(description: "\(path): \(size / (1024 * 1024)) MB is larger than the \(limit / (1024 * 1024)) MB \(what) limit")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "\(path): cannot read (permission denied?)")
        }
        return data
    }

    /// Writes to `path` atomically, or to stdout when `path` is nil or "-".
    static func writeOutput(_ bytes: [UInt8], to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Failure(description: "\(path): cannot write: \((error as NSError).localizedDescription)")
        }
    }

    /// True when both paths name the same existing file.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        let x = URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath().path
        let y = URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath().path
        return x == y
    }

    static func warn(_ command: String, _ message: String) {
        FileHandle.standardError.write(Data("intercut \(command): warning: \(message)\n".utf8))
    }

    /// Prints the one-line error and returns the exit to throw.
    static func fail(_ command: String, _ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("intercut \(command): error: \(message)\n".utf8))
        return ExitCode.failure
    }
}
