@testable import Inference

/// The Q4_K and Q6_K dots spelled out one output at a time in llama.cpp's
/// batch-dependent float order (the order the C kernels follow; see the
/// comment at the top of kquant_panels.h). Integer sums are exact, so only
/// the float steps below have to match the kernels.
enum KQuantLlamaOrder {
    /// Q4_K: `per64` for activation rows in whole groups of 4 of a batch
    /// (llama.cpp's gemm: one integer per 64 values), else one per super-block.
    static func q4K(_ w: UnsafeRawPointer, _ a: UnsafeRawPointer, count: Int, per64: Bool) -> Float {
        var acc: Float = 0, accMin: Float = 0
        for b in 0..<(count / Q4K.blockValues) {
            let wb = w + b * Q4K.blockBytes, ab = a + b * Q8K.blockBytes
            let dy = Q8K.scale(ab)
            let d = wb.loadF16(at: 0) * dy, dmin = wb.loadF16(at: 2) * dy
            var sumq: Int32 = 0, summ: Int32 = 0
            for j in 0..<8 {
                let (sc, m) = Q4K.scaleMin(wb + 4, j)
                var s: Int32 = 0
                for i in (32 * j)..<(32 * j + 32) { s += Q4K.quant(wb, i) * Q8K.quant(ab, i) }
                sumq += sc * s
                summ += m * (Q8K.bsum(ab, 2 * j) + Q8K.bsum(ab, 2 * j + 1))
                if j % 2 == 1 && (per64 || j == 7) {
                    acc = acc.addingProduct(Float(sumq), d)
                    accMin = accMin.addingProduct(Float(summ), dmin)
                    sumq = 0
                    summ = 0
                }
            }
        }
        return acc - accMin
    }

    /// Q6_K: `tiled` from 8 batch tokens (one integer per super-block, times
    /// d_w, FMA by d_y), else ggml's AVX2 vec_dot with its eight lanes.
    static func q6K(_ w: UnsafeRawPointer, _ a: UnsafeRawPointer, count: Int, tiled: Bool) -> Float {
        var laneAcc = [Float](repeating: 0, count: 8)
        var tiledAcc: Float = 0
        for b in 0..<(count / Q6K.blockValues) {
            let wb = w + b * Q6K.blockBytes, ab = a + b * Q8K.blockBytes
            let dy = Q8K.scale(ab), dw = wb.loadF16(at: 208)
            // Lane l: bytes 4l..<4l+4 of every 32-value group with their
            // scale, unsigned quants; the -32 offset of group l from bsums.
            var lanes = [Int32](repeating: 0, count: 8)
            for i in 0..<Q6K.blockValues {
                let (q, s) = Q6K.quant(wb, i)
                lanes[(i % 32) / 4] += (q + 32) * Q6K.scale(wb, s) * Q8K.quant(ab, i)
            }
            for l in 0..<8 {
                lanes[l] -= 32 * (Q8K.bsum(ab, 2 * l) * Q6K.scale(wb, 2 * l) + Q8K.bsum(ab, 2 * l + 1) * Q6K.scale(wb, 2 * l + 1))
            }
            if tiled {
                let t = Float(lanes.reduce(0, +)) * dw
                tiledAcc = tiledAcc.addingProduct(t, dy)
            } else {
                let d = dw * dy
                for l in 0..<8 { laneAcc[l] = laneAcc[l].addingProduct(d, Float(lanes[l])) }
            }
        }
        if tiled { return tiledAcc }
        let a = laneAcc
        return ((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7]))
    }
}
