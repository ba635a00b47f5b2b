import Foundation
import Testing
@testable import Inference

/// The engine against llama.cpp on the real model (Golden/logits.json, made
/// by scripts/make-golden-logits). Uses the golden token ids, so it does not
/// depend on the tokenizer.
@Suite(.enabled(if: !RealModel.skip, "INTERCUT_SKIP_MODEL_TESTS=1"), .serialized)
struct GoldenLogitsTests {
    struct Case: Decodable {
        let prompt: String
        let tokens: [Int32]
        let top_ids: [Int]
        let top_logits: [Float]
        let greedy: [Int32]
    }
    struct Golden: Decodable { let cases: [Case] }

    static func golden() throws -> Golden {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Golden/logits.json")
        return try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
    }

    static func session() throws -> ModelSession {
        let file = try RealModel.open()
        let model = try ModelArchitectures.load(file, pool: .shared)
        return ModelSession(model: model, contextLength: 1024)
    }

    static func argmax(_ p: UnsafePointer<Float>, _ n: Int) -> Int32 {
        var best = 0
        for i in 1..<n where p[i] > p[best] { best = i }
        return Int32(best)
    }

    /// Tolerance: none in practice. The engine replicates the float order
    /// of llama.cpp's CPU build (AVX-512, GCC with FP contraction) op by op:
    /// f16 roundings, FMA placement, ggml_v_expf, the per-lane order of each
    /// quantized dot and which kernel a batch size selects (docs/DECISIONS.md,
    /// "Bit-exact with llama.cpp"). Measured on the AVX2 path: every top-10
    /// logit of every prompt, and the top-20 at each of 64 greedy steps,
    /// equal llama.cpp's exactly. 1e-3 only absorbs printing of the golden
    /// floats; any real order difference shows up as 1e-2 or more.
    static let logitTolerance: Float = 1e-3
    /// When llama.cpp's own top two are closer than this, either is its
    /// "top-1" within summation noise (prompt 3: 18.98 vs 18.97). Kept for
    /// the portable scalar path, whose K-quant dots sum in another order.
    static let nearTie: Float = 0.05

    @Test func topLogitsMatchLlamaCpp() throws {
        let golden = try Self.golden()
        let session = try Self.session()
        var worst: Float = 0
        for (i, c) in golden.cases.enumerated() {
            session.reset()
            try session.prefill(c.tokens)
            let logits = session.logits(row: 0)
            let top1 = Self.argmax(logits, session.vocabularySize)
            if c.top_logits[0] - c.top_logits[1] >= Self.nearTie {
                #expect(Int(top1) == c.top_ids[0], "prompt \(i): top-1 \(top1) vs llama.cpp \(c.top_ids[0])")
            } else {
                #expect(c.top_ids.prefix(2).contains(Int(top1)), "prompt \(i): top-1 \(top1) not among llama.cpp's tied top two")
            }
            for (id, expected) in zip(c.top_ids, c.top_logits) {
                let got = logits[id]
                worst = max(worst, abs(got - expected))
                #expect(abs(got - expected) <= Self.logitTolerance, "prompt \(i) token \(id): \(got) vs \(expected)")
            }
        }
        print("golden logits: worst top-10 difference \(worst)")
    }

    @Test func greedyContinuationsMatchLlamaCpp() throws {
        let golden = try Self.golden()
        let session = try Self.session()
        var identical = 0
        var report: [String] = []
        for (i, c) in golden.cases.enumerated() {
            session.reset()
            try session.prefill(c.tokens)
            var generated: [Int32] = []
            var next = Self.argmax(session.logits(row: 0), session.vocabularySize)
            for k in 0..<c.greedy.count {
                generated.append(next)
                if k + 1 < c.greedy.count {
                    session.decode([(branch: 0, length: k, token: next)], branchCapacity: c.greedy.count)
                    next = Self.argmax(session.logits(row: 0), session.vocabularySize)
                }
            }
            if generated == c.greedy {
                identical += 1
            } else {
                let at = (0..<generated.count).first { generated[$0] != c.greedy[$0] } ?? 0
                report.append("prompt \(i) diverges at token \(at): \(generated[at]) vs \(c.greedy[at])")
            }
        }
        print("greedy: \(identical)/\(golden.cases.count) identical. \(report.joined(separator: "; "))")
        // The issue's bar: identical for at least 9 of every 10 prompts
        // (measured: all 12).
        #expect(identical * 10 >= golden.cases.count * 9, "\(report)")
    }
}
