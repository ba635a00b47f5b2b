import Foundation

/// Test files (tiny GGUFs made before the run by scripts/make-test-fixtures;
/// committed golden data from scripts/make-golden-tokens), found from this
/// source file's location.
enum Fixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ name: String) -> String {
        testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    static func golden(_ name: String) -> URL {
        testsDirectory.appendingPathComponent("Golden").appendingPathComponent(name)
    }
}
