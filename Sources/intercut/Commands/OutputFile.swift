import Foundation

/// Writes a command's output to a file or to standard output ("-" or none),
/// atomically for files so a failed export never leaves half a file behind.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String?) {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            InputFile.fail("\(path): is a directory")
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
            let reason = FileManager.default.fileExists(atPath: parent) ? "cannot write (permission denied?)" : "no such directory"
            InputFile.fail("\(path): \(reason)")
        }
    }
}
