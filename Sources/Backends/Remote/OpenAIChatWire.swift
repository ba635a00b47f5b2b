import Foundation

/// OpenAI-compatible `POST /v1/chat/completions`, for models that only
/// chat: the script goes in as the user's message under a system prompt
/// asking for a Fountain continuation; replies are cleaned of chat
/// decorations by ``ChatReplyCleaner``.
struct OpenAIChatWire: WireFormat {
    var generatePath: String { "/chat/completions" }
    var modelsPath: String { "/models" }
    var framing: StreamFraming { .serverSentEvents }
    var supportsChoiceCount: Bool { true }
    var isChat: Bool { true }

    static let systemPrompt = """
        You are a screenwriting partner. The user gives you a screenplay in Fountain format. \
        Continue it from exactly where it stops: write only the next few lines of the script, \
        in Fountain (scene headings and character cues in upper case, dialogue under its cue, \
        action as plain paragraphs). Do not repeat the given text, do not explain, do not use \
        code fences or any preamble.
        """

    func requestBody(for request: ContinuationRequest, model: String, choiceCount: Int, seed: Int?) -> [String: Any] {
        var body = OpenAICompletionsWire.commonBody(for: request, model: model, choiceCount: choiceCount, seed: seed)
        var system = Self.systemPrompt
        if let direction = request.direction?.trimmingCharacters(in: .whitespacesAndNewlines), !direction.isEmpty {
            system += " The writer's direction for what comes next: \(direction)"
        }
        body["messages"] = [
            ["role": "system", "content": system],
            ["role": "user", "content": request.prompt],
        ]
        return body
    }

    func events(inMessage object: [String: Any]) throws -> [WireEvent] {
        OpenAICompletionsWire.choiceEvents(in: object) { choice in
            (choice["delta"] as? [String: Any])?["content"] as? String
        }
    }
}
