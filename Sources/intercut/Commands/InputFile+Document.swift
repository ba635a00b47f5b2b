import Foundation
import Fountain

extension InputFile {
    /// Reads and parses `path` ("-" is stdin), printing decoding warnings;
    /// exits with a one-line error when it cannot.
    static func document(_ path: String, lossy: Bool) -> FountainDocument {
        let document: FountainDocument
        do {
            let bytes = try read(path)
            document = try FountainDocument(bytes: bytes, decoding: lossy ? .lossy : .strict)
        } catch let error as FountainDecodingError {
            fail("\(displayName(path)): \(error) (use --lossy to read it anyway)")
        } catch let error as ReadError {
            fail(error.message)
        } catch {
            fail("\(displayName(path)): \(error)")
        }
        for warning in document.warnings {
            FileHandle.standardError.write(Data("intercut: warning: \(displayName(path)): \(warning)\n".utf8))
        }
        return document
    }
}
