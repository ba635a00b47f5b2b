import Foundation

/// Finds the GGUF model a command should use, in this order: an explicit
/// path (`--model`), `INTERCUT_MODEL`, then the installed default model under
/// `$XDG_CACHE_HOME/intercut/models` (`~/.cache/intercut/models` when unset).
/// Every command that needs a model goes through here so the error for a
/// missing one always says how to get it.
public struct ModelLocator: Sendable {
    /// Where a resolved path came from.
    public enum Source: String, Sendable {
        case flag = "--model"
        case environment = "INTERCUT_MODEL"
        case cache = "installed default"
    }

    /// A chosen path, not yet known to exist.
    public struct Resolution: Sendable, Equatable {
        public let path: String
        public let source: Source
    }

    /// The model that should be used: the first of --model, INTERCUT_MODEL
    /// and the cache location that is set (the cache always is).
    public static func resolve(explicitPath: String?,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> Resolution {
        if let p = explicitPath, !p.isEmpty { return Resolution(path: p, source: .flag) }
        if let p = environment["INTERCUT_MODEL"], !p.isEmpty { return Resolution(path: p, source: .environment) }
        return Resolution(path: defaultModelPath(environment: environment), source: .cache)
    }

    /// Like ``resolve(explicitPath:environment:)`` but requires the file to exist.
    /// - Throws: ``ModelLocatorError`` whose description says how to get a model.
    public static func locate(explicitPath: String?,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Resolution {
        let r = resolve(explicitPath: explicitPath, environment: environment)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: r.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ModelLocatorError.notFound(r)
        }
        return r
    }

    /// `$XDG_CACHE_HOME/intercut/models`, or `~/.cache/intercut/models`.
    /// A relative XDG_CACHE_HOME is ignored, as the XDG spec requires.
    public static func modelsDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("intercut/models")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".cache/intercut/models")
    }

    public static func defaultModelPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (modelsDirectory(environment: environment) as NSString).appendingPathComponent(DefaultModel.fileName)
    }
}

/// No model file where one was expected.
public enum ModelLocatorError: Error, Sendable, CustomStringConvertible {
    case notFound(ModelLocator.Resolution)

    public var description: String {
        switch self {
        case .notFound(let r):
            switch r.source {
            case .flag: "model file not found: \(r.path) (given by --model)"
            case .environment: "model file not found: \(r.path) (given by INTERCUT_MODEL); unset it to use the default model"
            case .cache: "no model installed at \(r.path): run `intercut model install`, or pass --model PATH / set INTERCUT_MODEL"
            }
        }
    }
}
