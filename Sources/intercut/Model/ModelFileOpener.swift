import Inference

/// Opens a GGUF file for a command, turning reader errors into one line that
/// names the file.
enum ModelFileOpener {
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "\(path): \(reason)" }
    }

    static func open(_ path: String) throws -> GGUFFile {
        do {
            return try GGUFFile(path: path)
        } catch let error as GGUFError {
            switch error {
            case .cannotOpen, .notARegularFile: throw error   // these name the path already
            default: throw Failure(path: path, reason: String(describing: error))
            }
        }
    }
}
