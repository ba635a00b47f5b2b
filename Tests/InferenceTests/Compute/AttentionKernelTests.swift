import Foundation
import InferenceKernels
import Testing
@testable import Inference

/// The attention kernels in llama.cpp's float order: the AVX2 kernels must
/// equal the portable scalar path bit for bit (same operations, same order),
/// and both must agree with plain loops up to summation order.
@Suite struct AttentionKernelTests {
    struct Data {
        let hd = 256, nq = 4, npos = 128, stride = 512
        var k: [UInt16] = [], v: [UInt16] = [], q: [Float] = []
        /// Positions 3 and 70...75 masked; 100 positions visible, padded to 128.
        let masked: Set<Int> = [3, 70, 71, 72, 73, 74, 75]
        let visible = 100

        init() {
            var rng = SplitMix(seed: 9)
            k = (0..<(npos * stride)).map { _ in HalfFloat.f16(from: rng.float(-2, 2)) }
            v = (0..<(npos * stride)).map { _ in HalfFloat.f16(from: rng.float(-2, 2)) }
            q = (0..<(nq * hd)).map { _ in HalfFloat.roundedToF16(rng.float(-1, 1)) }
        }

        func rows(_ base: UnsafePointer<UInt16>) -> [UnsafePointer<UInt16>?] {
            (0..<npos).map { i in i < visible && !masked.contains(i) ? base + i * stride : nil }
        }
    }

    @Test func expMatchesLibmClosely() {
        for x in stride(from: Float(-80), through: 0, by: 0.37) {
            let e = AttentionMath.expf(x), ref = Foundation.expf(x)
            #expect(abs(e - ref) <= 4 * ref.ulp, "\(x)")
        }
        #expect(AttentionMath.expf(-.infinity) == 0)
        #expect(AttentionMath.expf(0) == 1)
    }

    /// Kernels for this CPU, with the path name for messages.
    static let rowKernels: [(String, AttentionRowsKernel)] = {
        var k: [(String, AttentionRowsKernel)] = []
        if KernelPath.available.contains(.avx2) { k.append(("avx2", ick_attn_rows_avx2)) }
        if KernelPath.available.contains(.avx512) { k.append(("avx512", ick_attn_rows_avx512)) }
        return k
    }()

    /// A batch of consecutive tokens against a cache whose positions map to
    /// scattered cells (two segments, holes), optionally with a sliding
    /// window: every kernel equals AttentionMath.rows bit for bit. Row
    /// counts cover the full register blocks and the leftovers.
    @Test(.enabled(if: !rowKernels.isEmpty),
          arguments: [(hd: 256, group: 4, tokens: 4, first: 150, window: 0),
                      (hd: 256, group: 4, tokens: 3, first: 530, window: 96),
                      (hd: 128, group: 1, tokens: 3, first: 60, window: 0),
                      (hd: 64, group: 2, tokens: 1, first: 5, window: 0),
                      (hd: 256, group: 3, tokens: 2, first: 17, window: 8)])
    func rowKernelsEqualScalarPathExactly(_ c: (hd: Int, group: Int, tokens: Int, first: Int, window: Int)) {
        let cells = 700, kvStride = c.hd + 32
        var rng = SplitMix(seed: UInt64(c.hd * 31 + c.first))
        let keys = (0..<(cells * kvStride)).map { _ in HalfFloat.f16(from: rng.float(-2, 2)) }
        let values = (0..<(cells * kvStride)).map { _ in HalfFloat.f16(from: rng.float(-2, 2)) }
        let tokenStride = c.group * c.hd + 16
        let q = (0..<(c.tokens * tokenStride)).map { _ in HalfFloat.roundedToF16(rng.float(-0.5, 0.5)) }
        // Positions 0..<40 in cells 300..., the rest in cells 0...; every 7th position (and 45) unmapped.
        let end = c.first + c.tokens
        let mapped = (end + 15) & ~15
        let cell: [Int32] = (0..<mapped).map { p in
            if p >= end || p % 7 == 3 || p == 45 { return -1 }
            return Int32(p < 40 ? 300 + p : p - 40)
        }
        let lo = (0..<c.tokens).map { t in Int32(c.window > 0 ? max(0, c.first + t - c.window + 1) : 0) }
        let hi = (0..<c.tokens).map { t in Int32(c.first + t + 1) }
        let ld = (end + 63) & ~63
        for slots in [16, 64] {
            var expected = [Float](repeating: 0, count: c.tokens * tokenStride)
            var scores = [Float](repeating: 0, count: c.tokens * c.group * ld)
            AttentionMath.rows(hd: c.hd, tokens: c.tokens, group: c.group, q: q, out: &expected, tokenStride: tokenStride,
                               lo: lo, hi: hi, cell: cell, keys: keys, values: values, kvStride: kvStride,
                               scores: &scores, slots: slots)
            for (name, kernel) in Self.rowKernels {
                var out = [Float](repeating: 0, count: c.tokens * tokenStride)
                kernel(Int32(c.hd), Int32(c.tokens), Int32(c.group), q, &out, tokenStride, lo, hi, cell, keys, values,
                       kvStride, &scores, ld, Int32(slots))
                let differing = zip(out, expected).filter { $0.bitPattern != $1.bitPattern }.count
                #expect(differing == 0, "\(name), \(slots) slots: \(differing) outputs differ")
                #expect(!out.contains { $0.isNaN })
            }
        }
    }

    /// The AVX2 softmax equals the scalar one (the AVX-512 one is covered by the row kernels).
    @Test(.enabled(if: KernelPath.available.contains(.avx2)))
    func softmaxKernelEqualsScalarPath() {
        var rng = SplitMix(seed: 5)
        var row = (0..<128).map { i in i % 9 == 4 ? -Float.infinity : rng.float(-60, 60) }
        var fast = row
        row.withUnsafeMutableBufferPointer { AttentionMath.softmaxToF16($0.baseAddress!, count: 128) }
        fast.withUnsafeMutableBufferPointer { ick_softmax_f16_ggml_avx2($0.baseAddress!, 128) }
        #expect(row.map(\.bitPattern) == fast.map(\.bitPattern))
    }

    @Test(arguments: [64, 16]) func scalarPathMatchesPlainAttention(slots: Int) {
        let t = Data()
        t.k.withUnsafeBufferPointer { kb in
            t.v.withUnsafeBufferPointer { vb in
                let kr = t.rows(kb.baseAddress!), vr = t.rows(vb.baseAddress!)
                for h in 0..<t.nq {
                    var row = (0..<t.npos).map { i in
                        kr[i].map { AttentionMath.dotF16(t.hd, $0, t.q.withUnsafeBufferPointer { $0.baseAddress! } + h * t.hd, slots: slots) } ?? -.infinity
                    }
                    // Plain softmax in double.
                    let scores = (0..<t.npos).map { i -> Double in
                        guard let k = kr[i] else { return -.infinity }
                        return (0..<t.hd).reduce(0.0) { $0 + Double(HalfFloat.float(fromF16: k[$1])) * Double(t.q[h * t.hd + $1]) }
                    }
                    for i in 0..<t.npos where kr[i] != nil { #expect(abs(Double(row[i]) - scores[i]) <= 1e-4) }
                    let m = scores.max()!
                    let e = scores.map { exp($0 - m) }, total = e.reduce(0, +)
                    row.withUnsafeMutableBufferPointer { AttentionMath.softmaxToF16($0.baseAddress!, count: t.npos) }
                    for i in 0..<t.npos { #expect(abs(Double(row[i]) - e[i] / total) <= 1e-3 * e[i] / total + 1e-7) }
                    var out = [Float](repeating: 0, count: t.hd)
                    vr.withUnsafeBufferPointer { rows in
                        AttentionMath.values(hd: t.hd, npos: t.npos, rows: rows.baseAddress!, p: row, slots: slots, into: &out)
                    }
                    for d in 0..<t.hd {
                        var ref = 0.0
                        for i in 0..<t.npos { if let v = vr[i] { ref += Double(row[i]) * Double(HalfFloat.float(fromF16: v[d])) } }
                        #expect(abs(Double(out[d]) - ref) <= 1e-5)
                    }
                }
            }
        }
    }
}

/// The C signature shared by the `ick_attn_rows_*` kernels.
typealias AttentionRowsKernel = @convention(c) (
    Int32, Int32, Int32, UnsafePointer<Float>?, UnsafeMutablePointer<Float>?, Int, UnsafePointer<Int32>?,
    UnsafePointer<Int32>?, UnsafePointer<Int32>?, UnsafePointer<UInt16>?, UnsafePointer<UInt16>?, Int,
    UnsafeMutablePointer<Float>?, Int, Int32) -> Void
