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
        precondition(zip(logitRows, logitRows.dropFirst()).allSatisfy { $0 < $1 }, "logit rows must ascend")
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
            rowRanges(n) { r in
                TransformerOps.rmsNormRows(s.x + r.lowerBound * e, rows: r.count, count: e, stride: e, eps: eps,
                                           weight: layer.attnNorm, into: s.h + r.lowerBound * e)
            }
            let qf = layer.q.activationFormat
            pool.quantize(qf, s.h, columns: e, count: n, into: s.quantized)
            pool.multiply([MatmulTarget(matrix: layer.q, out: s.q, outStride: qd),
                           MatmulTarget(matrix: layer.k, out: s.k, outStride: kvd),
                           MatmulTarget(matrix: layer.v, out: s.v, outStride: kvd)],
                          activations: s.quantized, rowBytes: qf.rowBytes(e), count: n)

            // Per-head q/k norm, RoPE, q scale; K/V into the cache.
            let rope = sliding ? s.ropeSliding : s.ropeGlobal
            let qScale = 1 / Float(hd).squareRoot()
            let fast = KernelPath.preferred != .scalar
            rowRanges(n) { r in
                let q = s.q + r.lowerBound * qd, k = s.k + r.lowerBound * kvd
                TransformerOps.rmsNormRows(q, rows: r.count * hp.heads, count: hd, stride: hd, eps: eps,
                                           weight: layer.qNorm, into: q)
                TransformerOps.rmsNormRows(k, rows: r.count * hp.kvHeads, count: hd, stride: hd, eps: eps,
                                           weight: layer.kNorm, into: k)
                for t in r {
                    let table = UnsafePointer(rope + t * hd)
                    let qt = s.q + t * qd, kt = s.k + t * kvd
                    // llama.cpp scales q, then mul_mat converts it to f16 against the f16 cache.
                    if fast {
                        ick_rope_neox_avx2(Int32(hd / 2), Int32(hp.heads), qt, hd, table)
                        ick_scale_round_f16_avx2(Int32(qd), qt, qScale)
                        ick_rope_neox_avx2(Int32(hd / 2), Int32(hp.kvHeads), kt, hd, table)
                    } else {
                        for h in 0..<hp.heads { TransformerOps.ropeNeox(qt + h * hd, dimensions: hd, table: table) }
                        for i in 0..<qd { qt[i] = HalfFloat.roundedToF16(qt[i] * qScale) }
                        for h in 0..<hp.kvHeads { TransformerOps.ropeNeox(kt + h * hd, dimensions: hd, table: table) }
                    }
                    cache.store(layer: l, cell: batch[t].cell, keys: kt, values: s.v + t * kvd)
                }
            }

            attention(batch, layer: l, sliding: sliding, cache: cache)

            // x += rmsnorm(Wo attn) * post_attention_norm
            let of = layer.o.activationFormat
            pool.quantize(of, s.attn, columns: qd, count: n, into: s.quantized)
            pool.multiply([MatmulTarget(matrix: layer.o, out: s.o, outStride: e)],
                          activations: s.quantized, rowBytes: of.rowBytes(qd), count: n)
            // llama.cpp keeps only the rows that produce logits before the
            // last layer's FFN (inp_out_ids): that FFN then runs at the batch
            // size of the outputs, which selects its kernels' float order.
            var active = n
            if l == hp.layers - 1 {
                for (j, t) in logitRows.enumerated() where j != t {
                    (s.o + j * e).update(from: s.o + t * e, count: e)
                    (s.x + j * e).update(from: s.x + t * e, count: e)
                }
                active = logitRows.count
            }
            rowRanges(active) { r in
                let o = s.o + r.lowerBound * e, x = s.x + r.lowerBound * e
                TransformerOps.rmsNormRows(o, rows: r.count, count: e, stride: e, eps: eps, weight: layer.postAttnNorm,
                                           into: o)
                for i in 0..<(r.count * e) { x[i] += o[i] }
                TransformerOps.rmsNormRows(x, rows: r.count, count: e, stride: e, eps: eps, weight: layer.ffnNorm,
                                           into: s.h + r.lowerBound * e)
            }

            // FFN: down(gelu(gate h) * up h)
            let gf = layer.gate.activationFormat
            pool.quantize(gf, s.h, columns: e, count: active, into: s.quantized)
            pool.multiply([MatmulTarget(matrix: layer.gate, out: s.gate, outStride: ff),
                           MatmulTarget(matrix: layer.up, out: s.up, outStride: ff)],
                          activations: s.quantized, rowBytes: gf.rowBytes(e), count: active)
            rowRanges(active) { r in
                let offset = r.lowerBound * ff
                TransformerOps.geglu(s.gate + offset, s.up + offset, count: r.count * ff, into: s.gate + offset)
            }
            let df = layer.down.activationFormat
            pool.quantize(df, s.gate, columns: ff, count: active, into: s.quantized)
            pool.multiply([MatmulTarget(matrix: layer.down, out: s.o, outStride: e)],
                          activations: s.quantized, rowBytes: df.rowBytes(ff), count: active)
            rowRanges(active) { r in
                let o = s.o + r.lowerBound * e, x = s.x + r.lowerBound * e
                TransformerOps.rmsNormRows(o, rows: r.count, count: e, stride: e, eps: eps, weight: layer.postFfnNorm,
                                           into: o)
                for i in 0..<(r.count * e) { x[i] += o[i] }
            }
        }

        // logits = token_embd . (rmsnorm(x) * output_norm), only for the rows asked for.
        guard !logitRows.isEmpty else { return }
        for j in logitRows.indices {
            TransformerOps.rmsNorm(s.x + j * e, count: e, eps: eps, weight: outputNorm, into: s.h + j * e)
        }
        let lf = tokenEmbedding.activationFormat
        pool.quantize(lf, s.h, columns: e, count: logitRows.count, into: s.quantized)
        pool.multiply([MatmulTarget(matrix: tokenEmbedding, out: logits, outStride: hp.vocabulary)],
                      activations: s.quantized, rowBytes: lf.rowBytes(e), count: logitRows.count, tokenTile: 8)
    }

    /// Runs body on ranges of tokens, in parallel when the batch is large enough to pay for it.
    private func rowRanges(_ n: Int, _ body: (Range<Int>) -> Void) {
        if n < 4 {
            body(0..<n)
        } else {
            pool.parallelRanges(count: n, body)
        }
    }

    /// softmax(q k^T + mask) v for every token and head in llama.cpp's
    /// (non-flash) float order, see ``AttentionMath``: q and the
    /// probabilities are rounded to f16 (its mul_mat converts them to match
    /// the f16 cache), and every sum is grouped by key position as in its
    /// KV cache, whose cell i holds position i. Positions run to a multiple
    /// of 64 with masked padding, as llama.cpp pads its KV view.
    private func attention(_ batch: [BatchToken], layer: Int, sliding: Bool, cache: KVCache) {
        let s = scratch
        let hd = hp.headDim, qd = hp.heads * hd, kvd = hp.kvHeads * hd
        let group = hp.heads / hp.kvHeads
        let window = hp.slidingWindow
        let keys = UnsafePointer(cache.keys(layer: layer)), values = UnsafePointer(cache.values(layer: layer))
        // llama.cpp's mul_mat: sgemm for a prompt batch (one sequence,
        // consecutive positions), ggml_vec_dot_f16 for one token; a decode
        // step of several candidates keeps the one-token order, so each
        // candidate matches a single-sequence run.
        let promptBatch = batch.count > 1 && zip(batch, batch.dropFirst()).allSatisfy { $1.position == $0.position + 1 }
        let slots = Int32(promptBatch ? 16 : 64)
        let useKernel = KernelPath.preferred != .scalar && hd % 64 == 0
        let kernel = KernelPath.preferred == .avx512 ? ick_attn_rows_avx512 : ick_attn_rows_avx2
        // Tiles of up to 4 tokens, smaller when the batch is short so every
        // thread gets work; with fewer units than 2 per thread (decode), each
        // KV group's query heads are split in two (a head's result does not
        // depend on the split).
        let tiles = Self.attentionTiles(batch, size: max(1, min(4, batch.count / (2 * pool.threadCount))))
        let splits = tiles.count * hp.kvHeads < 2 * pool.threadCount && group % 2 == 0 ? 2 : 1
        let heads = group / splits
        let units = tiles.count * hp.kvHeads * splits
        let ld = ((batch.map(\.position).max() ?? 0) + 1 + 63) & ~63
        let tileTokens = tiles.map(\.count).max() ?? 1
        pool.parallelRanges(count: units, oversplit: 4) { range in
            let cell = UnsafeMutablePointer<Int32>.allocate(capacity: ld)
            let bounds = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * tileTokens)
            let scores = UnsafeMutablePointer<Float>.allocate(capacity: tileTokens * heads * ld)
            defer { cell.deallocate(); bounds.deallocate(); scores.deallocate() }
            let lo = bounds, hi = bounds + tileTokens
            // Later tiles see more positions: hand them out first so the
            // threads finish together.
            for index in range.reversed() {
                let unit = units - 1 - index
                let tile = tiles[unit / (hp.kvHeads * splits)]
                let kvHead = unit / splits % hp.kvHeads, part = unit % splits
                var minLo = Int.max, maxHi = 0
                for (j, t) in tile.enumerated() {
                    let p = batch[t].position
                    lo[j] = Int32(sliding ? max(0, p - window + 1) : 0)
                    hi[j] = Int32(p + 1)
                    minLo = min(minLo, Int(lo[j]))
                    maxHi = p + 1
                }
                // Positions -> cells from the tile's last token (its
                // segments extend those of the tokens before it).
                let mapStart = minLo & ~15, mapEnd = min(ld, (maxHi + 15) & ~15)
                (cell + mapStart).initialize(repeating: -1, count: mapEnd - mapStart)
                for seg in batch[tile.last!].visible {
                    let first = max(mapStart, seg.position), last = min(maxHi, seg.position + seg.count)
                    guard first < last else { continue }
                    for p in first..<last { cell[p] = Int32(seg.cell + p - seg.position) }
                }
                let offset = tile.lowerBound * qd + (kvHead * group + part * heads) * hd
                if useKernel {
                    kernel(Int32(hd), Int32(tile.count), Int32(heads), s.q + offset, s.attn + offset, qd, lo, hi, cell,
                           keys + kvHead * hd, values + kvHead * hd, kvd, scores, ld, slots)
                } else {
                    AttentionMath.rows(hd: hd, tokens: tile.count, group: heads, q: s.q + offset, out: s.attn + offset,
                                       tokenStride: qd, lo: lo, hi: hi, cell: cell, keys: keys + kvHead * hd,
                                       values: values + kvHead * hd, kvStride: kvd, scores: scores, slots: Int(slots))
                }
            }
        }
    }

    /// Runs of up to `size` consecutive batch tokens that can share one
    /// position -> cell map: each sees the same segments as the next one,
    /// which only adds its own cell (a prompt batch).
    private static func attentionTiles(_ batch: [BatchToken], size: Int) -> [Range<Int>] {
        func extends(_ a: BatchToken, _ b: BatchToken) -> Bool {
            guard b.position == a.position + 1, a.visible.count == b.visible.count,
                  let la = a.visible.last, let lb = b.visible.last,
                  la.position + la.count == a.position + 1, lb.position + lb.count == b.position + 1,
                  la.cell == lb.cell, la.position == lb.position else { return false }
            return a.visible.dropLast() == b.visible.dropLast()
        }
        var tiles: [Range<Int>] = []
        var start = 0
        for t in 1...batch.count {
            if t == batch.count || t - start == size || !extends(batch[t - 1], batch[t]) {
                tiles.append(start..<t)
                start = t
            }
        }
        return tiles
    }

}
