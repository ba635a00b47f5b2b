import Foundation

/// The float arithmetic of llama.cpp's (non-flash) CPU attention, replicated
/// operation by operation so that greedy decoding follows llama.cpp token for
/// token: a last-bit difference here flips an activation quant downstream and
/// grows to tenths of a logit after 18 layers. The SIMD kernels
/// (`ick_attn_rows_avx2` / `_avx512`) compute the same sums in the same
/// order; these scalar versions are the portable path.
enum AttentionMath {
    /// ggml_v_expf (AVX-512 form): a range reduction and a degree-5
    /// polynomial with FMAs, then scaling by 2^n. Not libm's expf; softmax
    /// uses it for every full 16-wide block.
    @inline(__always)
    static func expf(_ x: Float) -> Float {
        let r: Float = 0x1.8p23
        let z = r.addingProduct(x, 0x1.715476p+0)
        let n = z - r
        let b = x.addingProduct(-n, 0x1.62e4p-1).addingProduct(-n, 0x1.7f7d1cp-20)
        if abs(n) > 192 { return n <= 0 ? 0 : .infinity }
        let u = b * b
        let p1 = Float(0x1.573e2ep-5).addingProduct(0x1.0e4020p-7, b)
        let p2 = Float(0x1.fffdb6p-2).addingProduct(0x1.555e66p-3, b)
        let p3 = Float(1).addingProduct(0x1.ffffecp-1, b)
        let j = p3.addingProduct(p2.addingProduct(p1, u), u)
        return scalbn(j, Int(n))
    }

    /// 16 values summed as GCC's _mm512_reduce_add_ps does: halves, then
    /// quarters, then pairs.
    @inline(__always)
    static func reduce16(_ v: UnsafePointer<Float>) -> Float {
        var t = (Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0))
        withUnsafeMutableBytes(of: &t) { raw in
            let p = raw.baseAddress!.assumingMemoryBound(to: Float.self)
            for l in 0..<8 { p[l] = v[l] + v[l + 8] }
            for l in 0..<4 { p[l] += p[l + 4] }
            p[0] += p[2]; p[1] += p[3]
            p[0] += p[1]
        }
        return t.0
    }

    /// ggml soft_max over one row of `count` scores (count a multiple of 16,
    /// masked entries -inf): max, ggml_v_expf per 16-block whose float sum is
    /// added to a double total, then every value times Float(1 / total) and
    /// rounded to f16 (mul_mat converts the probabilities for the f16 V).
    static func softmaxToF16(_ row: UnsafeMutablePointer<Float>, count: Int) {
        var maxScore = -Float.infinity
        for i in 0..<count { maxScore = max(maxScore, row[i]) }
        var sum: Double = 0
        for block in stride(from: 0, to: count, by: 16) {
            for i in block..<(block + 16) { row[i] = expf(row[i] - maxScore) }
            sum += Double(reduce16(row + block))
        }
        let inv = Float(1 / sum)
        for i in 0..<count { row[i] = HalfFloat.roundedToF16(row[i] * inv) }
    }

    /// llama.cpp's f16 dot order (see attention_f16.c): element i in slot
    /// i % slots (64: ggml_vec_dot_f16, one token; 16: its sgemm, a batch),
    /// one FMA chain per slot, then the slot tree.
    static func dotF16(_ n: Int, _ x: UnsafePointer<UInt16>, _ y: UnsafePointer<Float>, slots: Int) -> Float {
        let np = n - n % slots
        var acc = [Float](repeating: 0, count: slots)
        for i in stride(from: 0, to: np, by: slots) {
            for s in 0..<slots { acc[s] = acc[s].addingProduct(HalfFloat.float(fromF16: x[i + s]), y[i + s]) }
        }
        var sum = Double(reduceSlots(acc))
        for i in np..<n { sum += Double(HalfFloat.float(fromF16: x[i]) * y[i]) }
        return Float(sum)
    }

    /// Slot sums combined as llama.cpp does: with 64, acc0 + acc2, acc1 +
    /// acc3 and their sum per lane; then the 16-lane tree.
    static func reduceSlots(_ s: [Float]) -> Float {
        var lanes = [Float](repeating: 0, count: 16)
        for l in 0..<16 { lanes[l] = s.count == 16 ? s[l] : (s[l] + s[32 + l]) + (s[16 + l] + s[48 + l]) }
        return lanes.withUnsafeBufferPointer { reduce16($0.baseAddress!) }
    }

    /// out[d] = sum_i p[i] * value_i[d] over positions 0..<npos in the same
    /// order as ``dotF16`` (nil rows are masked).
    static func values(hd: Int, npos: Int, rows: UnsafePointer<UnsafePointer<UInt16>?>, p: UnsafePointer<Float>,
                       slots: Int, into out: UnsafeMutablePointer<Float>) {
        let np = npos - npos % slots
        var acc = [Float](repeating: 0, count: slots)
        for d in 0..<hd {
            for s in 0..<slots { acc[s] = 0 }
            for i in 0..<np {
                if let v = rows[i] { acc[i % slots] = acc[i % slots].addingProduct(HalfFloat.float(fromF16: v[d]), p[i]) }
            }
            var sum = Double(reduceSlots(acc))
            for i in np..<npos {
                if let v = rows[i] { sum += Double(HalfFloat.float(fromF16: v[d]) * p[i]) }
            }
            out[d] = Float(sum)
        }
    }

    /// The portable form of `ick_attn_rows_*` (InferenceKernels.h), with the
    /// same arguments and bit-identical results: attention of `tokens` x
    /// `group` query rows against one KV head. Token t sees position i iff
    /// lo[t] <= i < hi[t] and cell[i] >= 0; its positions run to hi[t]
    /// padded to a multiple of 64 (masked), as llama.cpp pads its KV view.
    static func rows(hd: Int, tokens: Int, group: Int, q: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>,
                     tokenStride: Int, lo: UnsafePointer<Int32>, hi: UnsafePointer<Int32>, cell: UnsafePointer<Int32>,
                     keys: UnsafePointer<UInt16>, values: UnsafePointer<UInt16>, kvStride: Int,
                     scores: UnsafeMutablePointer<Float>, slots: Int) {
        var keyRows = [UnsafePointer<UInt16>?](), valueRows = [UnsafePointer<UInt16>?]()
        for t in 0..<tokens {
            let first = Int(lo[t]), end = Int(hi[t])
            let npos = (end + 63) & ~63
            keyRows.removeAll(keepingCapacity: true)
            valueRows.removeAll(keepingCapacity: true)
            for i in 0..<npos {
                let c = i >= first && i < end ? Int(cell[i]) : -1
                keyRows.append(c < 0 ? nil : keys + c * kvStride)
                valueRows.append(c < 0 ? nil : values + c * kvStride)
            }
            for h in 0..<group {
                let qh = q + t * tokenStride + h * hd
                for i in 0..<npos { scores[i] = keyRows[i].map { dotF16(hd, $0, qh, slots: slots) } ?? -.infinity }
                softmaxToF16(scores, count: npos)
                valueRows.withUnsafeBufferPointer { rows in
                    Self.values(hd: hd, npos: npos, rows: rows.baseAddress!, p: scores, slots: slots,
                           into: out + t * tokenStride + h * hd)
                }
            }
        }
    }
}
