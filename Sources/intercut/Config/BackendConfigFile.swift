import Backends
import Foundation
import TOMLKit

/// Reads the `[backends]` part of `$XDG_CONFIG_HOME/intercut/config.toml`
/// (default `~/.config/intercut/config.toml`) into a ``BackendCatalog``.
///
/// When the general config loader lands, it should parse the file once and
/// hand its `backends` table to `BackendCatalog(parsing:)` through
/// ``configValue(_:)``; this reader is then only the conversion.
enum BackendConfigFile {
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            return xdg + "/intercut/config.toml"
        }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/intercut/config.toml"
    }

    /// The catalog in `path` (or the default file). A missing default file
    /// is an empty catalog; a missing explicit file is an error.
    static func loadCatalog(path explicitPath: String?) throws(BackendError) -> BackendCatalog {
        let path = explicitPath ?? defaultPath()
        guard FileManager.default.fileExists(atPath: path) else {
            if explicitPath != nil { throw BackendError("config file \(path) does not exist") }
            return BackendCatalog()
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BackendError("cannot read config file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BackendError("config file \(path) is not UTF-8 text")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw BackendError("config file \(path):\(error.source.begin.line): \(error.description)")
        } catch {
            throw BackendError("config file \(path): \(error)")
        }
        guard let backends = table["backends"] else { return BackendCatalog() }
        guard case .table(let contents)? = configValue(backends) else {
            throw BackendError("config file \(path): backends must be a table ([backends])")
        }
        do {
            return try BackendCatalog(parsing: contents)
        } catch {
            throw BackendError("\(path): \(error.message)")
        }
    }

    /// A TOML value as a ``ConfigValue``; dates and times (which no backend
    /// setting uses) become strings.
    static func configValue(_ value: any TOMLValueConvertible) -> ConfigValue? {
        switch value.type {
        case .string: value.string.map(ConfigValue.string)
        case .int: value.int.map(ConfigValue.integer)
        case .double: value.double.map(ConfigValue.double)
        case .bool: value.bool.map(ConfigValue.bool)
        case .array: value.array.map { .array($0.compactMap { configValue($0) }) }
        case .table:
            value.table.map { table in
                var result: [String: ConfigValue] = [:]
                for (key, element) in table { result[key] = configValue(element) }
                return .table(result)
            }
        case .date, .time, .dateTime: .string(value.debugDescription)
        }
    }
}
