/// Q4_K (ggml `block_q4_K`): 256 values in 8 sub-blocks of 32. f16 `d` at 0,
/// f16 `dmin` at 2, 12 bytes of packed 6-bit scales and mins at 4, 128 bytes
/// of nibbles at 16 (bytes 32p..<32p+32: low nibbles are sub-block 2p, high
/// nibbles sub-block 2p+1). Value = d * sc_j * q - dmin * m_j. Paired with Q8_K.
enum Q4K {
    static let blockValues = 256
    static let blockBytes = 144

    /// ggml `get_scale_min_k4`.
    @inline(__always)
    static func scaleMin(_ scales: UnsafeRawPointer, _ j: Int) -> (scale: Int32, min: Int32) {
        func s(_ i: Int) -> Int32 { Int32(scales.load(fromByteOffset: i, as: UInt8.self)) }
        if j < 4 { return (s(j) & 63, s(j + 4) & 63) }
        return ((s(j + 4) & 15) | ((s(j - 4) >> 6) << 4), (s(j + 4) >> 4) | ((s(j) >> 6) << 4))
    }

    @inline(__always)
    static func quant(_ block: UnsafeRawPointer, _ i: Int) -> Int32 {
        let sub = i / 32, p = sub / 2
        let byte = block.load(fromByteOffset: 16 + 32 * p + i % 32, as: UInt8.self)
        return Int32(sub % 2 == 0 ? byte & 15 : byte >> 4)
    }

    static func dequantize(_ src: UnsafeRawPointer, count: Int, into dst: UnsafeMutablePointer<Float>) {
        for b in 0..<(count / blockValues) {
            let block = src + b * blockBytes
            let d = block.loadF16(at: 0), dmin = block.loadF16(at: 2)
            for i in 0..<blockValues {
                let (sc, m) = scaleMin(block + 4, i / 32)
                dst[b * blockValues + i] = d * Float(sc) * Float(quant(block, i)) - dmin * Float(m)
            }
        }
    }

    /// Scalar reference: Q4_K weights against Q8_K activations.
    static func dot(_ w: UnsafeRawPointer, _ a: UnsafeRawPointer, count: Int) -> Float {
        var sum: Float = 0
        for b in 0..<(count / blockValues) {
            let wb = w + b * blockBytes, ab = a + b * Q8K.blockBytes
            var sumq: Int32 = 0, summ: Int32 = 0
            for j in 0..<8 {
                let (sc, m) = scaleMin(wb + 4, j)
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
