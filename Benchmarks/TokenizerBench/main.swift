// TokenizerBench: encode/decode speed of the engine's tokenizer on a text file.
//
//   TokenizerBench MODEL.gguf TEXT_FILE [ITERATIONS]
//
// Prints one JSON line: load_ms (open GGUF + build tokenizer), tokens,
// encode_tok_s / decode_tok_s / stream_tok_s (best of ITERATIONS).
// scripts/bench-tokenizer runs it beside llama.cpp on the same text.
import Foundation
import Inference

let args = CommandLine.arguments
guard args.count >= 3 else {
    FileHandle.standardError.write(Data("usage: TokenizerBench MODEL.gguf TEXT_FILE [ITERATIONS]\n".utf8))
    exit(2)
}
let iterations = args.count > 3 ? Int(args[3]) ?? 20 : 20
guard let data = FileManager.default.contents(atPath: args[2]) else {
    FileHandle.standardError.write(Data("TokenizerBench: cannot read \(args[2])\n".utf8))
    exit(1)
}
let text = String(decoding: data, as: UTF8.self)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

do {
    var tokenizer: SentencePieceTokenizer?
    let load = try seconds {
        let file = try GGUFFile(path: args[1])
        tokenizer = try SentencePieceTokenizer(gguf: file)
    }
    let t = tokenizer!
    var ids = [Int32]()
    var best = (encode: Double.infinity, decode: Double.infinity, stream: Double.infinity)
    for _ in 0..<iterations {
        best.encode = min(best.encode, seconds { ids = t.encode(text, addBOS: true, parseSpecial: false) })
        var out = ""
        best.decode = min(best.decode, seconds { out = t.decode(ids) })
        precondition(out == text || !out.isEmpty)
        var streamed = ""
        best.stream = min(best.stream, seconds {
            var s = t.streamingDetokenizer()
            for id in ids { streamed += s.append(id) }
            streamed += s.finish()
        })
        precondition(streamed == out)
    }
    let n = Double(ids.count)
    print(String(format: "{\"load_ms\": %.1f, \"tokens\": %d, \"bytes\": %d, \"encode_ms\": %.2f, \"encode_tok_s\": %.0f, \"decode_tok_s\": %.0f, \"stream_tok_s\": %.0f}",
                 load * 1000, ids.count, data.count, best.encode * 1000, n / best.encode, n / best.decode, n / best.stream))
} catch {
    FileHandle.standardError.write(Data("TokenizerBench: \(error)\n".utf8))
    exit(1)
}
