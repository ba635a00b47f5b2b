import Foundation

/// Test fixtures under Tests/FountainTests/Fixtures, found from this file's
/// location so no resource bundle is needed.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func url(_ relativePath: String) -> URL {
        directory.appendingPathComponent(relativePath)
    }

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    static func text(_ relativePath: String) throws -> String {
        String(decoding: try data(relativePath), as: UTF8.self)
    }
}
