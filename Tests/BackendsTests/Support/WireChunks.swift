import Foundation
@testable import Backends

/// Server messages in each wire format, as the fault server sends them.
enum WireChunks {
    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func completion(_ index: Int, _ text: String, finish: String? = nil) -> FaultServer.Step {
        let choice: [String: Any] = ["index": index, "text": text, "finish_reason": finish ?? NSNull()]
        return .chunk("data: " + json(["object": "text_completion", "choices": [choice]]) + "\n\n")
    }

    static func chat(_ index: Int, _ text: String, finish: String? = nil) -> FaultServer.Step {
        let choice: [String: Any] = ["index": index, "delta": ["content": text], "finish_reason": finish ?? NSNull()]
        return .chunk("data: " + json(["object": "chat.completion.chunk", "choices": [choice]]) + "\n\n")
    }

    static let done = FaultServer.Step.chunk("data: [DONE]\n\n")

    static func ollama(_ text: String, done: Bool = false, reason: String? = nil) -> FaultServer.Step {
        var object: [String: Any] = ["model": "m", "response": text, "done": done]
        if let reason { object["done_reason"] = reason }
        return .chunk(json(object) + "\n")
    }

    static func llamaCpp(_ text: String, stop: Bool = false, type: String? = nil) -> FaultServer.Step {
        var object: [String: Any] = ["content": text, "stop": stop]
        if let type { object["stop_type"] = type }
        return .chunk("data: " + json(object) + "\n\n")
    }
}

extension RemoteBackend {
    /// A backend for `server` with short timeouts, so faults show quickly.
    static func testing(_ kind: BackendKind, _ server: FaultServer, path: String = "", apiKey: String? = nil,
                        read: Duration = .seconds(5)) throws -> RemoteBackend {
        try RemoteBackend(kind: kind, endpoint: RemoteEndpoint(server.baseURL + path), model: "test-model",
                          apiKey: apiKey, timeouts: Timeouts(connect: .seconds(2), read: read))
    }
}
