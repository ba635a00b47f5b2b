/// Q8_0 (ggml `block_q8_0`): 32 values as an f16 scale `d` at byte 0 and 32
/// signed bytes at byte 2; value j = qs[j] * d. Used for weights (token
/// embedding, attention v) and as the activation format paired with
/// Q8_0/Q5_0/Q4_0 weights.
enum Q8_0 {
    static let blockValues = 32
    static let blockBytes = 34

    static func dequantize(_ src: UnsafeRawPointer, count: Int, into dst: UnsafeMutablePointer<Float>) {
        for b in 0..<(count / blockValues) {
            let block = src + b * blockBytes
            let d = block.loadF16(at: 0)
            for j in 0..<blockValues {
                dst[b * blockValues + j] = Float(block.load(fromByteOffset: 2 + j, as: Int8.self)) * d
            }
        }
    }

    /// Quantizes an activation row the way ggml's AVX2 `quantize_row_q8_0`
    /// does: d = amax / 127 stored as f16, q = round-half-even(x * 127 / amax).
    static func quantize(_ src: UnsafePointer<Float>, count: Int, into dst: UnsafeMutableRawPointer) {
        for b in 0..<(count / blockValues) {
            let x = src + b * blockValues
            var amax: Float = 0
            for j in 0..<blockValues { amax = max(amax, abs(x[j])) }
            let d = amax / 127
            let id: Float = amax != 0 ? 127 / amax : 0
            let block = dst + b * blockBytes
            block.storeBytes(of: HalfFloat.f16(from: d), as: UInt16.self)
            for j in 0..<blockValues {
                let q = Int8((x[j] * id).rounded(.toNearestOrEven))
                block.storeBytes(of: q, toByteOffset: 2 + j, as: Int8.self)
            }
        }
    }

    /// Scalar reference: Q8_0 weights against Q8_0 activations.
    static func dot(_ w: UnsafeRawPointer, _ a: UnsafeRawPointer, count: Int) -> Float {
        var sum: Float = 0
        for b in 0..<(count / blockValues) {
            let wb = w + b * blockBytes, ab = a + b * blockBytes
            var isum: Int32 = 0
            for j in 0..<blockValues {
                isum &+= Int32(wb.load(fromByteOffset: 2 + j, as: Int8.self))
                    &* Int32(ab.load(fromByteOffset: 2 + j, as: Int8.self))
            }
            sum += Float(isum) * (wb.loadF16(at: 0) * ab.loadF16(at: 0))
        }
        return sum
    }
}
