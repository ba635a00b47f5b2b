import Foundation

/// Reads a command's input file ("-" is standard input) with one-line errors.
enum InputFile {
    struct ReadError: Error {
        var message: String
    }

    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    static func read(_ path: String) throws(ReadError) -> [UInt8] {
        if path == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(message: "\(path): no such file")
        }
        if isDirectory.boolValue {
            throw ReadError(message: "\(path): is a directory, not a Fountain file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(message: "\(path): cannot read (permission denied?)")
        }
        return Array(data)
    }

    /// Prints `intercut: message` on stderr and exits with status 1.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("intercut: \(message)\n".utf8))
        exit(1)
    }
}
