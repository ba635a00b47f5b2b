/// OpenAI-compatible `POST /v1/completions` (a raw continuation), streamed
/// as server-sent events; choices of `n > 1` are told apart by `index`.
struct OpenAICompletionsWire: WireFormat {
    var generatePath: String { "/completions" }
    var modelsPath: String { "/models" }
    var framing: StreamFraming { .serverSentEvents }
    var supportsChoiceCount: Bool { true }

    func requestBody(for request: ContinuationRequest, model: String, choiceCount: Int, seed: Int?) -> [String: Any] {
        var body = Self.commonBody(for: request, model: model, choiceCount: choiceCount, seed: seed)
        body["prompt"] = request.prompt
        return body
    }

    func events(inMessage object: [String: Any]) throws -> [WireEvent] {
        Self.choiceEvents(in: object) { choice in choice["text"] as? String }
    }

    /// The fields /v1/completions and /v1/chat/completions share. Extensions
    /// that OpenAI itself rejects (top_k, min_p, repeat_penalty) are sent
    /// only when set.
    static func commonBody(for request: ContinuationRequest, model: String, choiceCount: Int, seed: Int?) -> [String: Any] {
        let sampling = request.sampling
        var body: [String: Any] = [
            "model": model, "max_tokens": request.stop.maxTokens, "stream": true,
        ]
        if choiceCount > 1 { body["n"] = choiceCount }
        body.setIfPresent("temperature", sampling.temperature)
        body.setIfPresent("top_p", sampling.topP)
        body.setIfPresent("top_k", sampling.topK)
        body.setIfPresent("min_p", sampling.minP)
        body.setIfPresent("repeat_penalty", sampling.repeatPenalty)
        body.setIfPresent("presence_penalty", sampling.presencePenalty)
        body.setIfPresent("frequency_penalty", sampling.frequencyPenalty)
        body.setIfPresent("seed", seed)
        // OpenAI accepts at most four stop sequences; the rest are enforced
        // on the client.
        if !request.stop.sequences.isEmpty { body["stop"] = Array(request.stop.sequences.prefix(4)) }
        if !sampling.logitBias.isEmpty {
            body["logit_bias"] = Dictionary(uniqueKeysWithValues: sampling.logitBias.map { (String($0.key), $0.value) })
        }
        return body
    }

    /// Events of a chunk's `choices`, each routed by its `index`.
    static func choiceEvents(in object: [String: Any], text: ([String: Any]) -> String?) -> [WireEvent] {
        guard let choices = object["choices"] as? [[String: Any]] else { return [] }
        var events: [WireEvent] = []
        for choice in choices {
            let index = (choice["index"] as? Int) ?? 0
            if let piece = text(choice), !piece.isEmpty {
                events.append(.text(choice: index, piece, tokens: 1))
            }
            if let reason = choice["finish_reason"] as? String {
                events.append(.finish(choice: index, reason == "length" ? .length : .stop))
            }
        }
        return events
    }
}
