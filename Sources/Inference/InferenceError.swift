/// Errors of the engine that a user can act on; descriptions are one line.
public enum InferenceError: Error, Sendable, CustomStringConvertible {
    case unsupportedArchitecture(String)
    case missingTensor(String)
    case badTensorShape(String, expected: [Int], found: [Int])
    case unsupportedTensorType(String, GGMLType)
    case promptTooLong(tokens: Int, capacity: Int)
    case emptyPrompt
    case invalidParameter(String)

    public var description: String {
        switch self {
        case .unsupportedArchitecture(let a): "unsupported model architecture '\(a)' (supported: gemma3)"
        case .missingTensor(let n): "model file lacks tensor '\(n)'"
        case .badTensorShape(let n, let e, let f): "tensor '\(n)' has shape \(f), expected \(e)"
        case .unsupportedTensorType(let n, let t): "tensor '\(n)' has type \(t), which the engine cannot compute with"
        case .promptTooLong(let t, let c): "prompt plus generation needs \(t) tokens of context but the cache holds \(c)"
        case .emptyPrompt: "the prompt is empty"
        case .invalidParameter(let m): "invalid parameter: \(m)"
        }
    }
}
