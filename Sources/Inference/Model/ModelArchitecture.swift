/// The seam between the engine and a model family. One file per
/// architecture implements it (hyperparameters, tensors, forward pass), so a
/// Llama or GPT-2 model is one more file plus a case in ``ModelArchitectures``.
///
/// A model is used by one caller at a time (it owns scratch buffers); the
/// engine serializes calls.
protocol LanguageModel: AnyObject, Sendable {
    var vocabularySize: Int { get }
    /// Training context length from the file.
    var contextLength: Int { get }
    func makeCache(capacity: Int) -> KVCache
    /// Evaluates `batch` (at most ``maxBatchSize`` tokens), writing each
    /// token's K/V into `cache`, and writes the logits of the tokens at
    /// `logitRows` (indices into batch) to `logits`, vocabularySize each.
    func forward(_ batch: [BatchToken], cache: KVCache, logitRows: [Int], logits: UnsafeMutablePointer<Float>)
    var maxBatchSize: Int { get }
}

/// Architecture names (`general.architecture`) the engine can run.
enum ModelArchitectures {
    static func load(_ file: GGUFFile, pool: ComputePool) throws -> any LanguageModel {
        let arch = try file.requireString("general.architecture")
        switch arch {
        case "gemma3": return try Gemma3Model(file: file, pool: pool)
        default: throw InferenceError.unsupportedArchitecture(arch)
        }
    }
}
