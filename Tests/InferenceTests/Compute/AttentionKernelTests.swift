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

    /// 64 slots: llama.cpp's one-token order (ggml_vec_dot_f16); 16: its batch order (sgemm).
    @Test(.enabled(if: KernelPath.available.contains(.avx2)), arguments: [64, 16])
    func kernelsEqualScalarPathExactly(slots: Int) {
        let t = Data()
        t.k.withUnsafeBufferPointer { kb in
            t.v.withUnsafeBufferPointer { vb in
                let kr = t.rows(kb.baseAddress!), vr = t.rows(vb.baseAddress!)
                var fast = [Float](repeating: 0, count: t.nq * t.npos)
                var slow = fast
                ick_attn_scores_ggml_avx2(Int32(t.hd), Int32(t.nq), Int32(t.npos), kr, t.q, &fast, t.npos, Int32(slots))
                for i in 0..<t.npos {
                    for h in 0..<t.nq {
                        slow[h * t.npos + i] = kr[i].map { AttentionMath.dotF16(t.hd, $0, t.q.withUnsafeBufferPointer { $0.baseAddress! } + h * t.hd, slots: slots) } ?? -.infinity
                    }
                }
                #expect(fast == slow)
                var probs = fast
                for h in 0..<t.nq {
                    fast.withUnsafeMutableBufferPointer { AttentionMath.softmaxToF16($0.baseAddress! + h * t.npos, count: t.npos) }
                    probs.withUnsafeMutableBufferPointer { ick_softmax_f16_ggml_avx2($0.baseAddress! + h * t.npos, Int32(t.npos)) }
                }
                #expect(probs == fast)
                var outFast = [Float](repeating: 0, count: t.nq * t.hd), outSlow = outFast
                ick_attn_values_ggml_avx2(Int32(t.hd), Int32(t.nq), Int32(t.npos), vr, fast, t.npos, &outFast, Int32(slots))
                vr.withUnsafeBufferPointer { rows in
                    fast.withUnsafeBufferPointer { p in
                        outSlow.withUnsafeMutableBufferPointer { o in
                            for h in 0..<t.nq {
                                AttentionMath.values(hd: t.hd, npos: t.npos, rows: rows.baseAddress!, p: p.baseAddress! + h * t.npos,
                                                     slots: slots, into: o.baseAddress! + h * t.hd)
                            }
                        }
                    }
                }
                #expect(outFast == outSlow)
            }
        }
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
