/// What a vocabulary entry is, as `tokenizer.ggml.token_type` stores it
/// (llama.cpp `llama_token_type`). Decides special-token splitting and how a
/// token detokenizes.
public enum TokenKind: Int32, Sendable {
    case undefined = 0
    case normal = 1
    case unknown = 2
    case control = 3
    case userDefined = 4
    case unused = 5
    case byte = 6

    /// Tokens split out of text before merging: control and unknown only when
    /// parsing specials; user-defined always (llama.cpp `tokenizer_st_partition`).
    func isSplitFirst(parseSpecial: Bool) -> Bool {
        switch self {
        case .userDefined: true
        case .control, .unknown: parseSpecial
        default: false
        }
    }
}
