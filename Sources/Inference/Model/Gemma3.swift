import Foundation
import InferenceKernels

/// Gemma 3 (llama.cpp `src/models/gemma3.cpp`): hyperparameters, tensors and
/// the forward pass. See ../shared/reference/gemma3-gguf.md.
final class Gemma3Model: LanguageModel, @unchecked Sendable {
    // MARK: - Hyperparameters

    struct Hyperparameters {
        let layers: Int
        let embedding: Int
        let feedForward: Int
        let heads: Int
        let kvHeads: Int
        let headDim: Int
        let rmsEps: Float
        let ropeBaseGlobal: Float
        /// llama.cpp hard-codes 10000 for Gemma 3's sliding layers (`rope_freq_base_train_swa`).
        let ropeBaseSliding: Float = 10_000
        let slidingWindow: Int
        let contextLength: Int
        let vocabulary: Int

        /// Gemma 3's pattern: five sliding-window layers, then one global (llama.cpp `set_swa_pattern(6)`).
        func isSliding(_ layer: Int) -> Bool { layer % 6 < 5 }

        init(_ file: GGUFFile) throws {
            let p = "gemma3."
            layers = try file.requireInt(p + "block_count")
            embedding = try file.requireInt(p + "embedding_length")
            feedForward = try file.requireInt(p + "feed_forward_length")
            heads = try file.requireInt(p + "attention.head_count")
            kvHeads = try file.requireInt(p + "attention.head_count_kv")
            headDim = try file.requireInt(p + "attention.key_length")
            rmsEps = try file.requireFloat(p + "attention.layer_norm_rms_epsilon")
            ropeBaseGlobal = file[p + "rope.freq_base"]?.float ?? 1_000_000
            slidingWindow = file[p + "attention.sliding_window"]?.int ?? 512
            contextLength = try file.requireInt(p + "context_length")
            guard let tokens = file["tokenizer.ggml.tokens"]?.array?.count else {
                throw GGUFError.missingKey("tokenizer.ggml.tokens")
            }
            vocabulary = tokens
            guard layers > 0, embedding > 0, heads > 0, kvHeads > 0, heads % kvHeads == 0, headDim > 0,
                  headDim % 2 == 0, embedding % 32 == 0 else {
                throw InferenceError.invalidParameter("gemma3 hyperparameters are inconsistent")
            }
        }
    }

    // MARK: - Tensors

    struct Layer {
        let attnNorm, qNorm, kNorm, postAttnNorm, ffnNorm, postFfnNorm: UnsafePointer<Float>
        let q, k, v, o, gate, up, down: WeightMatrix
    }

    let hp: Hyperparameters
    let layers: [Layer]
    let tokenEmbedding: WeightMatrix
    let outputNorm: UnsafePointer<Float>
    private let file: GGUFFile
    private let pool: ComputePool
    let maxBatchSize = 512

    var vocabularySize: Int { hp.vocabulary }
    var contextLength: Int { hp.contextLength }

    init(file: GGUFFile, pool: ComputePool) throws {
        self.file = file
        self.pool = pool
        let hp = try Hyperparameters(file)
        self.hp = hp

        func tensor(_ name: String, _ shape: [Int]) throws -> GGUFTensorInfo {
            guard let t = file.tensor(named: name) else { throw InferenceError.missingTensor(name) }
            guard t.dimensions == shape else { throw InferenceError.badTensorShape(name, expected: shape, found: t.dimensions) }
            return t
        }
        func norm(_ name: String, _ n: Int) throws -> UnsafePointer<Float> {
            let t = try tensor(name, [n])
            guard t.type == .f32 else { throw InferenceError.unsupportedTensorType(name, t.type) }
            return file.bytes(of: t).baseAddress!.assumingMemoryBound(to: Float.self)
        }
        func matrix(_ name: String, columns: Int, rows: Int) throws -> WeightMatrix {
            let t = try tensor(name, [columns, rows])
            guard t.type.isSupportedByEngine, columns % t.type.blockSize == 0 else {
                throw InferenceError.unsupportedTensorType(name, t.type)
            }
            return WeightMatrix(type: t.type, rows: rows, columns: columns, data: file.bytes(of: t).baseAddress!)
        }
        let e = hp.embedding, qd = hp.heads * hp.headDim, kvd = hp.kvHeads * hp.headDim
        layers = try (0..<hp.layers).map { l in
            let b = "blk.\(l)."
            return Layer(
                attnNorm: try norm(b + "attn_norm.weight", e),
                qNorm: try norm(b + "attn_q_norm.weight", hp.headDim),
                kNorm: try norm(b + "attn_k_norm.weight", hp.headDim),
                postAttnNorm: try norm(b + "post_attention_norm.weight", e),
                ffnNorm: try norm(b + "ffn_norm.weight", e),
                postFfnNorm: try norm(b + "post_ffw_norm.weight", e),
                q: try matrix(b + "attn_q.weight", columns: e, rows: qd),
                k: try matrix(b + "attn_k.weight", columns: e, rows: kvd),
                v: try matrix(b + "attn_v.weight", columns: e, rows: kvd),
                o: try matrix(b + "attn_output.weight", columns: qd, rows: e),
                gate: try matrix(b + "ffn_gate.weight", columns: e, rows: hp.feedForward),
                up: try matrix(b + "ffn_up.weight", columns: e, rows: hp.feedForward),
                down: try matrix(b + "ffn_down.weight", columns: hp.feedForward, rows: e))
        }
        tokenEmbedding = try matrix("token_embd.weight", columns: e, rows: hp.vocabulary)
        outputNorm = try norm("output_norm.weight", e)
        for l in layers {
            // Fused regions need one activation format per region.
            guard l.q.activationFormat == l.k.activationFormat, l.k.activationFormat == l.v.activationFormat,
                  l.gate.activationFormat == l.up.activationFormat else {
                throw InferenceError.invalidParameter("q/k/v or gate/up tensors mix activation formats")
            }
        }
        scratch = Scratch(hp: hp, tokens: maxBatchSize)
    }

    func makeCache(capacity: Int) -> KVCache {
        KVCache(layers: hp.layers, kvDimension: hp.kvHeads * hp.headDim, capacity: capacity)
    }

    // MARK: - Scratch

    /// Activations for up to `tokens` tokens, allocated once.
    final class Scratch {
        let x, h, q, k, v, attn, o, gate, up, ropeGlobal, ropeSliding: UnsafeMutablePointer<Float>
        let quantized: UnsafeMutableRawPointer
        let tokens: Int

        init(hp: Hyperparameters, tokens: Int) {
            self.tokens = tokens
            let e = hp.embedding, qd = hp.heads * hp.headDim, kvd = hp.kvHeads * hp.headDim
            func buf(_ n: Int) -> UnsafeMutablePointer<Float> {
                let p = UnsafeMutablePointer<Float>.allocate(capacity: n)
                p.initialize(repeating: 0, count: n)
                return p
            }
            x = buf(tokens * e); h = buf(tokens * e); o = buf(tokens * e)
            q = buf(tokens * qd); attn = buf(tokens * qd)
            k = buf(tokens * kvd); v = buf(tokens * kvd)
            gate = buf(tokens * hp.feedForward); up = buf(tokens * hp.feedForward)
            ropeGlobal = buf(tokens * hp.headDim); ropeSliding = buf(tokens * hp.headDim)
            let widest = max(e, qd, hp.feedForward)
            quantized = .allocate(byteCount: tokens * ActivationFormat.f32.rowBytes(widest), alignment: 64)
        }

        deinit {
            for p in [x, h, q, k, v, attn, o, gate, up, ropeGlobal, ropeSliding] { p.deallocate() }
            quantized.deallocate()
        }
    }

    private let scratch: Scratch

    // MARK: - Forward pass

    func forward(_ batch: [BatchToken], cache: KVCache, logitRows: [Int], logits: UnsafeMutablePointer<Float>) {
        precondition(batch.count <= maxBatchSize, "batch larger than maxBatchSize")
        let n = batch.count
        guard n > 0 else { return }
        let s = scratch
        let e = hp.embedding, hd = hp.headDim, qd = hp.heads * hd, kvd = hp.kvHeads * hd, ff = hp.feedForward
        let eps = hp.rmsEps

        // x = embed(token) * sqrt(n_embd)   (ggml get_rows + scale)
        let embedScale = Float(e).squareRoot()
        pool.parallelRanges(count: n) { range in
            for t in range {
                let row = s.x + t * e
                tokenEmbedding.dequantizeRow(Int(batch[t].token), into: row)
                for i in 0..<e { row[i] *= embedScale }
                TransformerOps.ropeTable(position: batch[t].position, dimensions: hd, base: hp.ropeBaseGlobal,
                                         into: s.ropeGlobal + t * hd)
                TransformerOps.ropeTable(position: batch[t].position, dimensions: hd, base: hp.ropeBaseSliding,
                                         into: s.ropeSliding + t * hd)
            }
        }

        for (l, layer) in layers.enumerated() {
            let sliding = hp.isSliding(l)
            // h = rmsnorm(x) * attn_norm; q, k, v
            rowwise(n) { t in TransformerOps.rmsNorm(s.x + t * e, count: e, eps: eps, weight: layer.attnNorm, into: s.h + t * e) }
            let qf = layer.q.activationFormat
            pool.quantize(qf, s.h, columns: e, count: n, into: s.quantized)
            pool.multiply([MatmulTarget(matrix: layer.q, out: s.q, outStride: qd),
                           MatmulTarget(matrix: layer.k, out: s.k, outStride: kvd),
                           MatmulTarget(matrix: layer.v, out: s.v, outStride: kvd)],
                          activations: s.quantized, rowBytes: qf.rowBytes(e), count: n)

            // Per-head q/k norm, RoPE, q scale; K/V into the cache.
            let rope = sliding ? s.ropeSliding : s.ropeGlobal
            let qScale = 1 / Float(hd).squareRoot()
            rowwise(n) { t in
                let table = UnsafePointer(rope + t * hd)
                for hIdx in 0..<hp.heads {
                    let qh = s.q + t * qd + hIdx * hd
                    TransformerOps.rmsNorm(qh, count: hd, eps: eps, weight: layer.qNorm, into: qh)
                    TransformerOps.ropeNeox(qh, dimensions: hd, table: table)
                    // llama.cpp scales q, then mul_mat converts it to f16 against the f16 cache.
                    for i in 0..<hd { qh[i] = HalfFloat.roundedToF16(qh[i] * qScale) }
                }
                for hIdx in 0..<hp.kvHeads {
                    let kh = s.k + t * kvd + hIdx * hd
                    TransformerOps.rmsNorm(kh, count: hd, eps: eps, weight: layer.kNorm, into: kh)
                    TransformerOps.ropeNeox(kh, dimensions: hd, table: table)
                }
                cache.store(layer: l, cell: batch[t].cell, keys: s.k + t * kvd, values: s.v + t * kvd)
            }

            attention(batch, layer: l, sliding: sliding, cache: cache)

            // x += rmsnorm(Wo attn) * post_attention_norm
            let of = layer.o.activationFormat
            pool.quantize(of, s.attn, columns: qd, count: n, into: s.quantized)
            pool.multiply([MatmulTarget(matrix: layer.o, out: s.o, outStride: e)],
                          activations: s.quantized, rowBytes: of.rowBytes(qd), count: n)
            rowwise(n) { t in
                let o = s.o + t * e, x = s.x + t * e
                TransformerOps.rmsNorm(o, count: e, eps: eps, weight: layer.postAttnNorm, into: o)
                for i in 0..<e { x[i] += o[i] }
                TransformerOps.rmsNorm(x, count: e, eps: eps, weight: layer.ffnNorm, into: s.h + t * e)
            }

            // FFN: down(gelu(gate h) * up h)
            let gf = layer.gate.activationFormat
            pool.quantize(gf, s.h, columns: e, count: n, into: s.quantized)
            pool.multiply([MatmulTarget(matrix: layer.gate, out: s.gate, outStride: ff),
                           MatmulTarget(matrix: layer.up, out: s.up, outStride: ff)],
                          activations: s.quantized, rowBytes: gf.rowBytes(e), count: n)
            rowwise(n) { t in TransformerOps.geglu(s.gate + t * ff, s.up + t * ff, count: ff, into: s.gate + t * ff) }
            let df = layer.down.activationFormat
            pool.quantize(df, s.gate, columns: ff, count: n, into: s.quantized)
            pool.multiply([MatmulTarget(matrix: layer.down, out: s.o, outStride: e)],
                          activations: s.quantized, rowBytes: df.rowBytes(ff), count: n)
            rowwise(n) { t in
                let o = s.o + t * e, x = s.x + t * e
                TransformerOps.rmsNorm(o, count: e, eps: eps, weight: layer.postFfnNorm, into: o)
                for i in 0..<e { x[i] += o[i] }
            }
        }

        // logits = token_embd . (rmsnorm(x) * output_norm), only for the rows asked for.
        guard !logitRows.isEmpty else { return }
        for (j, t) in logitRows.enumerated() {
            TransformerOps.rmsNorm(s.x + t * e, count: e, eps: eps, weight: outputNorm, into: s.h + j * e)
        }
        let lf = tokenEmbedding.activationFormat
        pool.quantize(lf, s.h, columns: e, count: logitRows.count, into: s.quantized)
        pool.multiply([MatmulTarget(matrix: tokenEmbedding, out: logits, outStride: hp.vocabulary)],
                      activations: s.quantized, rowBytes: lf.rowBytes(e), count: logitRows.count, tokenTile: 8)
    }

    /// Runs body(t) for each token, in parallel when the batch is large enough to pay for it.
    private func rowwise(_ n: Int, _ body: (Int) -> Void) {
        if n < 4 {
            for t in 0..<n { body(t) }
        } else {
            pool.parallelRanges(count: n) { range in for t in range { body(t) } }
        }
    }

    /// softmax(q k^T + mask) v for every token and head, as llama.cpp's
    /// non-flash path: q and the probabilities are rounded to f16 (its
    /// mul_mat converts them to match the f16 cache), sums in f32. The
    /// query heads sharing a KV head are done together, so each key and
    /// value row is read and converted once per group. With fewer (token,
    /// KV head) units than twice the threads (decode), each group is split
    /// in two halves of query heads so both cores work; every head's result
    /// is computed the same way either way.
    private func attention(_ batch: [BatchToken], layer: Int, sliding: Bool, cache: KVCache) {
        let s = scratch
        let hd = hp.headDim, qd = hp.heads * hd, kvd = hp.kvHeads * hd
        let window = hp.slidingWindow
        let keys = cache.keys(layer: layer), values = cache.values(layer: layer)
        let fullGroup = hp.heads / hp.kvHeads
        let parts = fullGroup % 2 == 0 && batch.count * hp.kvHeads < 2 * pool.threadCount ? 2 : 1
        let group = fullGroup / parts
        let fast = KernelPath.preferred != .scalar && group <= 4 && hd % 32 == 0
        let units = batch.count * hp.kvHeads * parts
        pool.parallelRanges(count: units) { range in
            var scores = [Float]()
            for unit in range {
                let t = unit / (hp.kvHeads * parts), kvHead = unit / parts % hp.kvHeads
                let firstHead = kvHead * fullGroup + unit % parts * group
                let token = batch[t]
                let q = UnsafePointer(s.q + t * qd + firstHead * hd)
                let out = s.attn + t * qd + firstHead * hd
                // Keys this token sees: visible segments, causal, and the sliding window.
                let minPosition = sliding ? token.position - window + 1 : 0
                var spans: [(cell: Int, count: Int)] = []
                spans.reserveCapacity(token.visible.count)
                var total = 0
                for seg in token.visible {
                    let first = max(0, minPosition - seg.position)
                    let last = min(seg.count, token.position - seg.position + 1)
                    if first < last { spans.append((seg.cell + first, last - first)); total += last - first }
                }
                if scores.count < group * total { scores = [Float](repeating: 0, count: group * total) }
                scores.withUnsafeMutableBufferPointer { sc in
                    let ld = total
                    var m = 0
                    for span in spans {
                        let k = UnsafePointer(keys + span.cell * kvd + kvHead * hd)
                        if fast {
                            ick_gqa_scores_f16_avx2(Int32(hd), Int32(group), q, k, kvd, Int32(span.count), sc.baseAddress! + m, ld)
                        } else {
                            for h in 0..<group {
                                for i in 0..<span.count { sc[h * ld + m + i] = Self.dotF16(hd, k + i * kvd, q + h * hd) }
                            }
                        }
                        m += span.count
                    }
                    // Softmax per head (ggml soft_max: max, exp, sum in double, scale), then f16.
                    for h in 0..<group {
                        let row = sc.baseAddress! + h * ld
                        var maxScore = -Float.infinity
                        for i in 0..<total { maxScore = max(maxScore, row[i]) }
                        var sum: Double = 0
                        for i in 0..<total {
                            let p = expf(row[i] - maxScore)
                            row[i] = p
                            sum += Double(p)
                        }
                        let inv = Float(1 / sum)
                        for i in 0..<total { row[i] = HalfFloat.roundedToF16(row[i] * inv) }
                    }
                    out.initialize(repeating: 0, count: group * hd)
                    m = 0
                    for span in spans {
                        let v = UnsafePointer(values + span.cell * kvd + kvHead * hd)
                        if fast {
                            ick_gqa_values_f16_avx2(Int32(hd), Int32(group), sc.baseAddress! + m, ld, v, kvd, Int32(span.count), out)
                        } else {
                            for h in 0..<group {
                                for i in 0..<span.count {
                                    let p = sc[h * ld + m + i], vr = v + i * kvd
                                    for d in 0..<hd { out[h * hd + d] += p * HalfFloat.float(fromF16: vr[d]) }
                                }
                            }
                        }
                        m += span.count
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func dotF16(_ n: Int, _ k: UnsafePointer<UInt16>, _ q: UnsafePointer<Float>) -> Float {
        var sum: Float = 0
        for i in 0..<n { sum += HalfFloat.float(fromF16: k[i]) * q[i] }
        return sum
    }
}
