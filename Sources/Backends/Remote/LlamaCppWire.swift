/// llama.cpp server's native `POST /completion`, streamed as server-sent
/// events without `[DONE]`: the last chunk has `stop: true`. Sent with
/// `cache_prompt: true` so a request that shares its prefix with the last
/// one reuses the server's KV cache. One request per candidate.
struct LlamaCppWire: WireFormat {
    var generatePath: String { "/completion" }
    var modelsPath: String { "/v1/models" }
    var framing: StreamFraming { .serverSentEvents }
    var supportsChoiceCount: Bool { false }

    func requestBody(for request: ContinuationRequest, model: String, choiceCount: Int, seed: Int?) -> [String: Any] {
        let sampling = request.sampling
        var body: [String: Any] = [
            "prompt": request.prompt, "n_predict": request.stop.maxTokens,
            "stream": true, "cache_prompt": true,
        ]
        if !model.isEmpty { body["model"] = model }
        body.setIfPresent("temperature", sampling.temperature)
        body.setIfPresent("top_k", sampling.topK)
        body.setIfPresent("top_p", sampling.topP)
        body.setIfPresent("min_p", sampling.minP)
        body.setIfPresent("repeat_penalty", sampling.repeatPenalty)
        body.setIfPresent("presence_penalty", sampling.presencePenalty)
        body.setIfPresent("frequency_penalty", sampling.frequencyPenalty)
        body.setIfPresent("seed", seed)
        if !request.stop.sequences.isEmpty { body["stop"] = request.stop.sequences }
        if !sampling.logitBias.isEmpty {
            body["logit_bias"] = sampling.logitBias.sorted { $0.key < $1.key }.map { [$0.key, $0.value] as [Any] }
        }
        return body
    }

    func events(inMessage object: [String: Any]) throws -> [WireEvent] {
        var events: [WireEvent] = []
        if let text = object["content"] as? String, !text.isEmpty {
            events.append(.text(choice: 0, text, tokens: 1))
        }
        if object["stop"] as? Bool == true {
            events.append(.finish(choice: 0, object["stop_type"] as? String == "limit" ? .length : .stop))
        }
        return events
    }
}
