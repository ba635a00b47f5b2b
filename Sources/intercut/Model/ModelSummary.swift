import Foundation
import Inference

/// The facts `model info` prints, gathered once for text and JSON output.
struct ModelSummary: Encodable {
    struct TypeCount: Encodable {
        let type: String
        let tensors: Int
        let parameters: Int
        let bytes: Int
    }

    let path: String
    let fileBytes: Int
    let ggufVersion: Int
    let architecture: String?
    let name: String?
    let contextLength: Int?
    let embeddingLength: Int?
    let feedForwardLength: Int?
    let blockCount: Int?
    let headCount: Int?
    let headCountKV: Int?
    let keyLength: Int?
    let valueLength: Int?
    let tokenizerModel: String?
    let vocabularySize: Int?
    let tensorCount: Int
    let parameters: Int
    let tensorTypes: [TypeCount]

    init(_ f: GGUFFile, path: String) {
        self.path = path
        fileBytes = f.fileSize
        ggufVersion = Int(f.version)
        let arch = f["general.architecture"]?.string
        architecture = arch
        name = f["general.name"]?.string
        func archInt(_ key: String) -> Int? { arch.flatMap { f["\($0).\(key)"]?.int } }
        contextLength = archInt("context_length")
        embeddingLength = archInt("embedding_length")
        feedForwardLength = archInt("feed_forward_length")
        blockCount = archInt("block_count")
        headCount = archInt("attention.head_count")
        headCountKV = archInt("attention.head_count_kv")
        keyLength = archInt("attention.key_length")
        valueLength = archInt("attention.value_length")
        tokenizerModel = f["tokenizer.ggml.model"]?.string
        vocabularySize = f["tokenizer.ggml.tokens"]?.array?.count
        tensorCount = f.tensors.count
        parameters = f.tensors.reduce(0) { $0 + $1.elementCount }
        var byType = [GGMLType: (Int, Int, Int)]()
        for t in f.tensors {
            let c = byType[t.type] ?? (0, 0, 0)
            byType[t.type] = (c.0 + 1, c.1 + t.elementCount, c.2 + t.byteCount)
        }
        tensorTypes = byType.sorted { $0.value.2 > $1.value.2 }
            .map { TypeCount(type: $0.key.description, tensors: $0.value.0, parameters: $0.value.1, bytes: $0.value.2) }
    }

    var text: String {
        func opt(_ v: Int?) -> String { v.map(Self.grouped) ?? "?" }
        var lines = [
            "path:           \(path)",
            "file size:      \(Self.grouped(fileBytes)) bytes (\(Self.mib(fileBytes)))",
            "format:         GGUF v\(ggufVersion), \(tensorCount) tensors",
            "architecture:   \(architecture ?? "?")" + (name.map { " (\($0))" } ?? ""),
            "context:        \(opt(contextLength)) tokens",
            "embedding:      \(opt(embeddingLength)), feed-forward \(opt(feedForwardLength)), \(opt(blockCount)) blocks",
            "attention:      \(opt(headCount)) heads, \(opt(headCountKV)) KV heads, key/value length \(opt(keyLength))/\(opt(valueLength))",
            "vocabulary:     \(opt(vocabularySize)) tokens (\(tokenizerModel ?? "?"))",
            "parameters:     \(Self.grouped(parameters)) (\(String(format: "%.1f", Double(parameters) / 1e6)) M)",
            "tensor types:",
        ]
        for t in tensorTypes {
            lines.append("  \(t.type.padding(toLength: 8, withPad: " ", startingAt: 0))"
                         + "\(String(t.tensors).leftPadded(4)) tensors "
                         + "\(Self.grouped(t.parameters).leftPadded(13)) params "
                         + "\(Self.mib(t.bytes).leftPadded(10))")
        }
        return lines.joined(separator: "\n")
    }

    static func grouped(_ n: Int) -> String {
        let s = String(n.magnitude)
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0, (s.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func mib(_ bytes: Int) -> String {
        bytes < 1_048_576 ? String(format: "%.1f KiB", Double(bytes) / 1024) : String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
