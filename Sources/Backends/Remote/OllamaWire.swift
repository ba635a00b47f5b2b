/// Ollama's `POST /api/generate` with `raw: true` (no chat template), as
/// JSON lines. Ollama has no `n`: each candidate is its own request.
struct OllamaWire: WireFormat {
    var generatePath: String { "/api/generate" }
    var modelsPath: String { "/api/tags" }
    var framing: StreamFraming { .jsonLines }
    var supportsChoiceCount: Bool { false }

    func requestBody(for request: ContinuationRequest, model: String, choiceCount: Int, seed: Int?) -> [String: Any] {
        let sampling = request.sampling
        var options: [String: Any] = ["num_predict": request.stop.maxTokens]
        options.setIfPresent("temperature", sampling.temperature)
        options.setIfPresent("top_k", sampling.topK)
        options.setIfPresent("top_p", sampling.topP)
        options.setIfPresent("min_p", sampling.minP)
        options.setIfPresent("repeat_penalty", sampling.repeatPenalty)
        options.setIfPresent("presence_penalty", sampling.presencePenalty)
        options.setIfPresent("frequency_penalty", sampling.frequencyPenalty)
        options.setIfPresent("seed", seed)
        if !request.stop.sequences.isEmpty { options["stop"] = request.stop.sequences }
        return ["model": model, "prompt": request.prompt, "raw": true, "stream": true, "options": options]
    }

    func events(inMessage object: [String: Any]) throws -> [WireEvent] {
        var events: [WireEvent] = []
        if let text = object["response"] as? String, !text.isEmpty {
            events.append(.text(choice: 0, text, tokens: 1))
        }
        if object["done"] as? Bool == true {
            events.append(.finish(choice: 0, object["done_reason"] as? String == "length" ? .length : .stop))
        }
        return events
    }

    func modelNames(inListing object: Any) -> [String] {
        guard let models = (object as? [String: Any])?["models"] as? [[String: Any]] else { return [] }
        return models.compactMap { $0["name"] as? String ?? $0["model"] as? String }
    }
}
