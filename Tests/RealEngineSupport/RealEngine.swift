import Foundation
import Backends
import Inference

/// The real default model behind the embedded backend, loaded once for the
/// test process. Shared by the test targets that run the real model through
/// the embedded backend. A missing model is a failure with instructions, not a skip;
/// `INTERCUT_SKIP_MODEL_TESTS=1` turns these tests off explicitly.
public enum RealEngine {
    public static var skip: Bool { ProcessInfo.processInfo.environment["INTERCUT_SKIP_MODEL_TESTS"] == "1" }

    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String {
            "model file not found at \(path): run `intercut model install` (or set INTERCUT_SKIP_MODEL_TESTS=1)"
        }
    }

    private static let loaded: Result<EmbeddedBackend, any Error> = Result {
        let path = ModelLocator.resolve(explicitPath: nil).path
        guard FileManager.default.fileExists(atPath: path) else { throw Missing(path: path) }
        return EmbeddedBackend(engine: try InferenceEngine(modelPath: path, contextLength: 2048))
    }

    public static func backend() throws -> EmbeddedBackend { try loaded.get() }
}
