import Foundation

/// Committed test files (made by scripts/make-tiny-gguf and
/// scripts/make-golden-tokens), found from this source file's location.
enum Fixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ name: String) -> String {
        testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    static func golden(_ name: String) -> URL {
        testsDirectory.appendingPathComponent("Golden").appendingPathComponent(name)
    }
}
