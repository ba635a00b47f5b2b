import Foundation
@testable import Inference

/// The real default model for tests that must match llama.cpp. Missing model
/// is a failure with instructions, not a skip: CI installs it first.
/// `INTERCUT_SKIP_MODEL_TESTS=1` turns these tests off explicitly.
enum RealModel {
    static var skip: Bool { ProcessInfo.processInfo.environment["INTERCUT_SKIP_MODEL_TESTS"] == "1" }

    /// INTERCUT_MODEL, else the install location under XDG_CACHE_HOME.
    static var path: String {
        ModelLocator.resolve(explicitPath: nil).path
    }

    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "model file not found at \(path): run `intercut model install` (or set INTERCUT_SKIP_MODEL_TESTS=1 to skip real-model tests)"
        }
    }

    static func open() throws -> GGUFFile {
        let p = path
        guard FileManager.default.fileExists(atPath: p) else { throw Missing(path: p) }
        return try GGUFFile(path: p)
    }
}
