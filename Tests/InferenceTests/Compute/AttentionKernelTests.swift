import InferenceKernels
import Testing
@testable import Inference

/// The grouped-query attention kernels against plain loops over the same
/// f16 data; only float summation order differs (tolerance 1e-5 relative).
@Suite struct AttentionKernelTests {
    @Test(.enabled(if: KernelPath.available.contains(.avx2))) func gqaKernelsMatchScalar() {
        var rng = SplitMix(seed: 9)
        let hd = 256, stride = 512, count = 37, nq = 4
        let k = (0..<(count * stride)).map { _ in HalfFloat.f16(from: rng.float(-2, 2)) }
        let v = (0..<(count * stride)).map { _ in HalfFloat.f16(from: rng.float(-2, 2)) }
        let q = (0..<(nq * hd)).map { _ in rng.float(-1, 1) }
        let p = (0..<(nq * count)).map { _ in rng.float(0, 0.1) }
        var scores = [Float](repeating: 0, count: nq * count)
        var out = [Float](repeating: 0.5, count: nq * hd)
        ick_gqa_scores_f16_avx2(Int32(hd), Int32(nq), q, k, stride, Int32(count), &scores, count)
        ick_gqa_values_f16_avx2(Int32(hd), Int32(nq), p, count, v, stride, Int32(count), &out)
        for h in 0..<nq {
            for i in 0..<count {
                var ref: Float = 0, mag: Float = 0
                for d in 0..<hd {
                    let t = HalfFloat.float(fromF16: k[i * stride + d]) * q[h * hd + d]
                    ref += t; mag += abs(t)
                }
                #expect(abs(scores[h * count + i] - ref) <= 1e-5 * mag)
            }
            for d in 0..<hd {
                var ref: Float = 0.5, mag: Float = 0.5
                for i in 0..<count {
                    let t = p[h * count + i] * HalfFloat.float(fromF16: v[i * stride + d])
                    ref += t; mag += abs(t)
                }
                #expect(abs(out[h * hd + d] - ref) <= 1e-5 * mag)
            }
        }
    }
}
