import Foundation

/// How one kind of server is spoken to: its endpoints, its request body,
/// its stream framing and its messages. Each wire format is described once,
/// here and in the files beside it (see shared/reference/wire-formats.md).
protocol WireFormat: Sendable {
    /// The generation endpoint, relative to the base URL.
    var generatePath: String { get }
    /// The model listing endpoint, relative to the base URL.
    var modelsPath: String { get }
    var framing: StreamFraming { get }
    /// Whether one request can ask for several choices (`n`).
    var supportsChoiceCount: Bool { get }
    /// Whether replies are chat messages to clean of decorations.
    var isChat: Bool { get }

    /// The JSON body asking for `choiceCount` continuations; `seed` is already per-candidate.
    func requestBody(for request: ContinuationRequest, model: String, choiceCount: Int, seed: Int?) -> [String: Any]

    /// The events in one message (an SSE event's data or an NDJSON line).
    func events(inMessage object: [String: Any]) throws -> [WireEvent]

    /// The model names in the listing endpoint's reply.
    func modelNames(inListing object: Any) -> [String]
}

/// How messages are framed in a streamed reply.
enum StreamFraming {
    /// text/event-stream; `data: [DONE]` ends an OpenAI stream.
    case serverSentEvents
    /// One JSON object per line.
    case jsonLines

    var acceptHeader: String {
        switch self {
        case .serverSentEvents: "text/event-stream"
        case .jsonLines: "application/x-ndjson"
        }
    }
}

extension WireFormat {
    var isChat: Bool { false }

    func modelNames(inListing object: Any) -> [String] {
        // The OpenAI shape: {"data":[{"id"}]}; llama.cpp's server uses it too.
        guard let data = (object as? [String: Any])?["data"] as? [[String: Any]] else { return [] }
        return data.compactMap { $0["id"] as? String }
    }
}

/// Request bodies leave out every option the caller did not set, so the
/// server's own defaults apply (and strict servers see no unknown fields).
extension Dictionary where Key == String, Value == Any {
    mutating func setIfPresent(_ key: String, _ value: (some Any)?) {
        if let value { self[key] = value }
    }
}
