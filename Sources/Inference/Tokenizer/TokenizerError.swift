/// Why a vocabulary could not be built from a GGUF file.
public enum TokenizerError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsupportedModel(String)
    case badVocabularySize(Int)
    case arrayLengthMismatch(key: String, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .unsupportedModel(let m):
            "tokenizer model '\(m)' is not supported (supported: llama/SentencePiece)"
        case .badVocabularySize(let n):
            "vocabulary size \(n) is not usable"
        case .arrayLengthMismatch(let key, let expected, let found):
            "\(key) has \(found) entries, expected one per token (\(expected))"
        }
    }
}
