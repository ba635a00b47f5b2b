/// Q4_0 (ggml `block_q4_0`): 32 values as f16 `d` at 0 and 16 bytes of
/// nibbles at 2; value j < 16 is (qs[j] & 15) - 8, value j + 16 is
/// (qs[j] >> 4) - 8; times d. Paired with Q8_0 activations.
enum Q4_0 {
    static let blockValues = 32
    static let blockBytes = 18

    @inline(__always)
    static func quant(_ block: UnsafeRawPointer, _ j: Int) -> Int32 {
        let byte = block.load(fromByteOffset: 2 + (j & 15), as: UInt8.self)
        return Int32(j < 16 ? byte & 15 : byte >> 4) - 8
    }

    static func dequantize(_ src: UnsafeRawPointer, count: Int, into dst: UnsafeMutablePointer<Float>) {
        for b in 0..<(count / blockValues) {
            let block = src + b * blockBytes
            let d = block.loadF16(at: 0)
            for j in 0..<blockValues { dst[b * blockValues + j] = Float(quant(block, j)) * d }
        }
    }

    /// Scalar reference: Q4_0 weights against Q8_0 activations.
    static func dot(_ w: UnsafeRawPointer, _ a: UnsafeRawPointer, count: Int) -> Float {
        var sum: Float = 0
        for b in 0..<(count / blockValues) {
            let wb = w + b * blockBytes, ab = a + b * Q8_0.blockBytes
            var isum: Int32 = 0
            for j in 0..<blockValues {
                isum &+= quant(wb, j) &* Int32(ab.load(fromByteOffset: 2 + j, as: Int8.self))
            }
            sum += Float(isum) * (wb.loadF16(at: 0) * ab.loadF16(at: 0))
        }
        return sum
    }
}
