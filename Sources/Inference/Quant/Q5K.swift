/// Q5_K (ggml `block_q5_K`): like Q4_K plus a fifth bit. f16 `d` at 0, f16
/// `dmin` at 2, 12 bytes of scales/mins at 4, `qh` (32 bytes) at 16, nibbles
/// (128 bytes) at 48. Value i of sub-block j (= i / 32): nibble as in Q4_K,
/// plus bit j of qh[i % 32] << 4. Paired with Q8_K.
enum Q5K {
    static let blockValues = 256
    static let blockBytes = 176

    @inline(__always)
    static func quant(_ block: UnsafeRawPointer, _ i: Int) -> Int32 {
        let sub = i / 32, p = sub / 2
        let byte = block.load(fromByteOffset: 48 + 32 * p + i % 32, as: UInt8.self)
        let low = Int32(sub % 2 == 0 ? byte & 15 : byte >> 4)
        let qh = Int32(block.load(fromByteOffset: 16 + i % 32, as: UInt8.self))
        return low | (((qh >> Int32(sub)) & 1) << 4)
    }

    static func dequantize(_ src: UnsafeRawPointer, count: Int, into dst: UnsafeMutablePointer<Float>) {
        for b in 0..<(count / blockValues) {
            let block = src + b * blockBytes
            let d = block.loadF16(at: 0), dmin = block.loadF16(at: 2)
            for i in 0..<blockValues {
                let (sc, m) = Q4K.scaleMin(block + 4, i / 32)
                dst[b * blockValues + i] = d * Float(sc) * Float(quant(block, i)) - dmin * Float(m)
            }
        }
    }

    /// Scalar reference: Q5_K weights against Q8_K activations.
    static func dot(_ w: UnsafeRawPointer, _ a: UnsafeRawPointer, count: Int) -> Float {
        var sum: Float = 0
        for b in 0..<(count / blockValues) {
            let wb = w + b * blockBytes, ab = a + b * Q8K.blockBytes
            var sumq: Int32 = 0, summ: Int32 = 0
            for j in 0..<8 {
                let (sc, m) = Q4K.scaleMin(wb + 4, j)
                var s: Int32 = 0
                for i in (32 * j)..<(32 * j + 32) { s += quant(wb, i) * Q8K.quant(ab, i) }
                sumq += sc * s
                summ += m * (Q8K.bsum(ab, 2 * j) + Q8K.bsum(ab, 2 * j + 1))
            }
            let dy = Q8K.scale(ab)
            sum += wb.loadF16(at: 0) * dy * Float(sumq) - wb.loadF16(at: 2) * dy * Float(summ)
        }
        return sum
    }
}
