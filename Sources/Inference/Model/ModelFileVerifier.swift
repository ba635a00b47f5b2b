import Foundation

/// Checks a file's size and SHA-256 against expected values, reading it in
/// large chunks (the default model is 253 MB).
public enum ModelFileVerifier {
    /// Hex SHA-256 of the file at `path`; `progress` gets bytes read so far.
    public static func sha256(path: String, progress: ((Int) -> Void)? = nil) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var hash = SHA256()
        var done = 0
        while true {
            let chunk = try handle.read(upToCount: 8 << 20) ?? Data()
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { hash.update($0) }
            done += chunk.count
            progress?(done)
        }
        return hash.finalizeHex()
    }
}
