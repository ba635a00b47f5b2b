/// What one message of a server's stream says, in backend-neutral terms.
enum WireEvent: Equatable {
    /// Text for choice `choice` (the `index` of an OpenAI choice; 0 otherwise),
    /// worth `tokens` tokens (one per streamed chunk).
    case text(choice: Int, String, tokens: Int)
    /// Choice `choice` finished for `reason`.
    case finish(choice: Int, FinishReason)
    /// The server reported an error inside the stream.
    case failure(String)
    /// The stream's explicit end (`[DONE]`).
    case endOfStream
}
