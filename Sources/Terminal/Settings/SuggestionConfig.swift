import TOMLKit

/// The `[suggestions]` table of config.toml: how many candidates, how long,
/// how they are sampled, and which backend generates them.
///
///     [suggestions]
///     count = 3                    # candidates per request (1-16)
///     max_tokens = 80              # per candidate
///     temperature = 0.8
///     top_p = 0.95
///     regenerate_on_reject = true  # a rejected slot generates a new candidate
///     stop_at_beat = true          # end at a blank line after some text
///     stop_at_scene = true         # end before a new scene heading
///     context_tokens = 2048        # prompt budget
///     backend = "embedded"         # or a remote kind / [backends.NAME]
///
/// Unset keys keep the assistant's defaults (nil here).
public struct SuggestionConfig: Sendable, Equatable {
    public var count: Int?
    public var maxTokens: Int?
    public var temperature: Double?
    public var topP: Double?
    public var regenerateOnReject: Bool?
    public var stopAtBeat: Bool?
    public var stopAtScene: Bool?
    public var contextTokens: Int?
    public var backend: String?

    public init() {}

    /// Reads the table; a wrong type or an out-of-range value is a one-line failure.
    static func parse(_ table: TOMLTable) -> Result<SuggestionConfig, ThemeLoader.Failure> {
        var config = SuggestionConfig()
        func integer(_ key: String, _ range: ClosedRange<Int>) throws(ThemeLoader.Failure) -> Int? {
            guard let value = table[key] else { return nil }
            guard let number = value.int, range.contains(number) else {
                throw ThemeLoader.Failure(description: "suggestions.\(key) must be a whole number in \(range.lowerBound)...\(range.upperBound)")
            }
            return number
        }
        func real(_ key: String, _ range: ClosedRange<Double>) throws(ThemeLoader.Failure) -> Double? {
            guard let value = table[key] else { return nil }
            guard let number = value.double ?? value.int.map(Double.init), range.contains(number) else {
                throw ThemeLoader.Failure(description: "suggestions.\(key) must be a number in \(range.lowerBound)...\(range.upperBound)")
            }
            return number
        }
        func flag(_ key: String) throws(ThemeLoader.Failure) -> Bool? {
            guard let value = table[key] else { return nil }
            guard let flag = value.bool else { throw ThemeLoader.Failure(description: "suggestions.\(key) must be true or false") }
            return flag
        }
        do throws(ThemeLoader.Failure) {
            config.count = try integer("count", 1...16)
            config.maxTokens = try integer("max_tokens", 1...2048)
            config.temperature = try real("temperature", 0...5)
            config.topP = try real("top_p", 0...1)
            config.regenerateOnReject = try flag("regenerate_on_reject")
            config.stopAtBeat = try flag("stop_at_beat")
            config.stopAtScene = try flag("stop_at_scene")
            config.contextTokens = try integer("context_tokens", 64...131_072)
            if let value = table["backend"] {
                guard let name = value.string else { throw ThemeLoader.Failure(description: "suggestions.backend must be a string") }
                config.backend = name
            }
        } catch {
            return .failure(error)
        }
        return .success(config)
    }
}
