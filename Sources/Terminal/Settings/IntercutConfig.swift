import Foundation
import TOMLKit

/// The user's settings from `$XDG_CONFIG_HOME/intercut/config.toml`
/// (default `~/.config/intercut/config.toml`).
///
///     theme = "dark"
///     system_clipboard = true      # copy/cut also go to the system clipboard (OSC 52)
///     [keys]
///     undo = "ctrl-z"              # command name = "key, key" or "none"
///     [suggestions]                # see SuggestionConfig
///     count = 3
///
/// A missing file is an empty config. A malformed one is reported as one
/// line and ignored as a whole: the editor starts with the defaults rather
/// than half of a config. Other modules' sections (`[backend]` …) are left
/// for them: unknown top-level keys are not errors.
public struct IntercutConfig: Sendable, Equatable {
    public var theme: String?
    public var keys: [String: String] = [:]
    public var systemClipboard = false
    public var suggestions = SuggestionConfig()

    public init(theme: String? = nil, keys: [String: String] = [:], systemClipboard: Bool = false) {
        self.theme = theme
        self.keys = keys
        self.systemClipboard = systemClipboard
    }

    /// `$XDG_CONFIG_HOME/intercut`, or `~/.config/intercut`.
    public static func configDirectory(environment: [String: String]) -> String {
        let base: String
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            base = config
        } else {
            base = ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        }
        return (base as NSString).appendingPathComponent("intercut")
    }

    public static func defaultPath(environment: [String: String]) -> String {
        (configDirectory(environment: environment) as NSString).appendingPathComponent("config.toml")
    }

    /// Reads the config at `path`: the config, or a one-line problem.
    public static func load(path: String) -> (config: IntercutConfig, problem: String?) {
        guard FileManager.default.fileExists(atPath: path) else { return (IntercutConfig(), nil) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return (IntercutConfig(), "\(path): cannot read as UTF-8; using defaults")
        }
        switch parse(text) {
        case .success(let config): return (config, nil)
        case .failure(let failure): return (IntercutConfig(), "\(path): \(failure.description); using defaults")
        }
    }

    /// Parses config TOML text.
    public static func parse(_ text: String) -> Result<IntercutConfig, ThemeLoader.Failure> {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return .failure(.init(description: "line \(error.source.begin.line): \(error.description)"))
        } catch {
            return .failure(.init(description: "\(error)"))
        }
        var config = IntercutConfig()
        if let value = table["theme"] {
            guard let name = value.string else { return .failure(.init(description: "theme must be a string")) }
            config.theme = name
        }
        if let value = table["system_clipboard"] {
            guard let flag = value.bool else { return .failure(.init(description: "system_clipboard must be true or false")) }
            config.systemClipboard = flag
        }
        if let value = table["suggestions"] {
            guard let section = value.table else { return .failure(.init(description: "[suggestions] must be a table")) }
            switch SuggestionConfig.parse(section) {
            case .success(let suggestions): config.suggestions = suggestions
            case .failure(let failure): return .failure(failure)
            }
        }
        if let value = table["keys"] {
            guard let keys = value.table else { return .failure(.init(description: "[keys] must be a table")) }
            for name in keys.keys {
                if let spec = keys[name]?.string {
                    config.keys[name] = spec
                } else if let list = keys[name]?.array {
                    let specs = list.compactMap(\.string)
                    guard specs.count == list.count else {
                        return .failure(.init(description: "keys.\(name): list items must be strings"))
                    }
                    config.keys[name] = specs.joined(separator: ", ")
                } else {
                    return .failure(.init(description: "keys.\(name) must be a string like \"ctrl-s\""))
                }
            }
        }
        return .success(config)
    }
}
