/// The `[backends]` part of the config file: named backend sections and the
/// default one, plus the rules by which command-line flags override them.
///
/// ```toml
/// [backends]
/// default = "gpu"      # used when no --backend is given; else "embedded"
/// [backends.gpu]
/// kind = "ollama"
/// ```
public struct BackendCatalog: Sendable, Equatable {
    public var sections: [String: BackendConfiguration]
    public var defaultName: String?

    public init(sections: [String: BackendConfiguration] = [:], defaultName: String? = nil) {
        self.sections = sections
        self.defaultName = defaultName
    }

    /// Reads the contents of the `[backends]` table. Unknown keys and wrong
    /// types are errors naming the key, so a typo is not silently ignored.
    public init(parsing table: [String: ConfigValue]) throws(BackendError) {
        var sections: [String: BackendConfiguration] = [:]
        var defaultName: String?
        for (key, value) in table.sorted(by: { $0.key < $1.key }) {
            switch value {
            case .string(let name) where key == "default":
                defaultName = name
            case .table(let section):
                sections[key] = try Self.parseSection(key, section)
            default:
                throw BackendError("config: [backends] \(key) must be a table [backends.\(key)] (or default = \"NAME\")")
            }
        }
        if let defaultName, sections[defaultName] == nil, BackendKind(rawValue: defaultName) == nil {
            throw BackendError("config: [backends] default = \"\(defaultName)\" names no [backends.\(defaultName)] section")
        }
        self.init(sections: sections, defaultName: defaultName)
    }

    /// The backend to use: `name` (a section name or a kind; else the
    /// configured default; else embedded), then `url` and `model` override.
    public func resolve(name: String?, url: String? = nil, model: String? = nil) throws(BackendError) -> BackendConfiguration {
        let chosen = name ?? defaultName ?? BackendKind.embedded.rawValue
        var configuration: BackendConfiguration
        if let section = sections[chosen] {
            configuration = section
        } else if let kind = BackendKind(rawValue: chosen) {
            configuration = BackendConfiguration(name: chosen, kind: kind)
        } else {
            let known = (BackendKind.allCases.map(\.rawValue) + sections.keys.sorted()).joined(separator: ", ")
            throw BackendError("unknown backend \"\(chosen)\" (known: \(known))")
        }
        if let url {
            guard configuration.kind != .embedded else {
                throw BackendError("--url needs a remote backend (--backend ollama|openai|openai-chat|llamacpp)")
            }
            configuration.url = url
        }
        if let model { configuration.model = model }
        return configuration
    }

    // MARK: - Parsing one section

    private static let knownKeys: Set<String> = [
        "kind", "url", "model", "api_key_env", "connect_timeout", "read_timeout", "max_tokens", "stop", "time_limit", "sampling",
    ]
    private static let samplingKeys: Set<String> = [
        "temperature", "top_k", "top_p", "min_p", "repeat_penalty", "presence_penalty", "frequency_penalty", "seed",
    ]

    private static func parseSection(_ name: String, _ table: [String: ConfigValue]) throws(BackendError) -> BackendConfiguration {
        let reader = SectionReader(path: "[backends.\(name)]", table: table)
        try reader.rejectUnknownKeys(knownKeys)
        guard let kindName = try reader.string("kind") else {
            throw BackendError("config: [backends.\(name)] needs kind = \"ollama\" (or embedded, openai, openai-chat, llamacpp)")
        }
        guard let kind = BackendKind(rawValue: kindName) else {
            throw BackendError("config: [backends.\(name)] kind = \"\(kindName)\" is not one of "
                + BackendKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let url = try reader.string("url") {
            do { _ = try RemoteEndpoint(url) } catch { throw BackendError("config: [backends.\(name)] \(error)") }
        }
        var timeouts = Timeouts()
        if let seconds = try reader.seconds("connect_timeout") { timeouts.connect = seconds }
        if let seconds = try reader.seconds("read_timeout") { timeouts.read = seconds }
        var sampling = SamplingOptions()
        if case .table(let samplingTable)? = table["sampling"] {
            let sub = SectionReader(path: "[backends.\(name).sampling]", table: samplingTable)
            try sub.rejectUnknownKeys(samplingKeys)
            sampling.temperature = try sub.number("temperature")
            sampling.topK = try sub.integer("top_k")
            sampling.topP = try sub.number("top_p")
            sampling.minP = try sub.number("min_p")
            sampling.repeatPenalty = try sub.number("repeat_penalty")
            sampling.presencePenalty = try sub.number("presence_penalty")
            sampling.frequencyPenalty = try sub.number("frequency_penalty")
            sampling.seed = try sub.integer("seed")
        } else if let value = table["sampling"] {
            throw BackendError("config: [backends.\(name)] sampling must be a table, not \(value.typeName)")
        }
        let maxTokens = try reader.integer("max_tokens")
        if let maxTokens, maxTokens < 1 {
            throw BackendError("config: [backends.\(name)] max_tokens must be at least 1")
        }
        return BackendConfiguration(
            name: name, kind: kind, url: try reader.string("url"), model: try reader.string("model") ?? "",
            apiKeyVariable: try reader.string("api_key_env"), timeouts: timeouts, sampling: sampling,
            maxTokens: maxTokens, stopSequences: try reader.strings("stop") ?? [], timeLimit: try reader.seconds("time_limit")
        )
    }
}

/// Typed reads from one config table, with errors that name the key.
private struct SectionReader {
    let path: String
    let table: [String: ConfigValue]

    func rejectUnknownKeys(_ known: Set<String>) throws(BackendError) {
        if let unknown = table.keys.sorted().first(where: { !known.contains($0) }) {
            throw BackendError("config: \(path) has an unknown key \"\(unknown)\" (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    func string(_ key: String) throws(BackendError) -> String? {
        switch table[key] {
        case nil: return nil
        case .string(let value)?: return value
        case let other?: throw wrongType(key, other, "a string")
        }
    }

    func integer(_ key: String) throws(BackendError) -> Int? {
        switch table[key] {
        case nil: return nil
        case .integer(let value)?: return value
        case let other?: throw wrongType(key, other, "an integer")
        }
    }

    func number(_ key: String) throws(BackendError) -> Double? {
        switch table[key] {
        case nil: return nil
        case .integer(let value)?: return Double(value)
        case .double(let value)?: return value
        case let other?: throw wrongType(key, other, "a number")
        }
    }

    func seconds(_ key: String) throws(BackendError) -> Duration? {
        guard let value = try number(key) else { return nil }
        guard value > 0, value <= 86_400 else { throw BackendError("config: \(path) \(key) must be between 0 and 86400 seconds") }
        return .milliseconds(Int64(value * 1000))
    }

    func strings(_ key: String) throws(BackendError) -> [String]? {
        switch table[key] {
        case nil: return nil
        case .string(let value)?: return [value]
        case .array(let values)?:
            var result: [String] = []
            for value in values {
                guard case .string(let text) = value else { throw wrongType(key, value, "a list of strings") }
                result.append(text)
            }
            return result
        case let other?: throw wrongType(key, other, "a list of strings")
        }
    }

    private func wrongType(_ key: String, _ value: ConfigValue, _ expected: String) -> BackendError {
        BackendError("config: \(path) \(key) must be \(expected), not \(value.typeName)")
    }
}
