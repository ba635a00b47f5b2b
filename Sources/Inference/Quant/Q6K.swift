/// Q6_K (ggml `block_q6_K`): 256 values, ql (128 bytes of low nibbles) at 0,
/// qh (64 bytes of 2-bit pairs) at 128, 16 signed 8-bit scales at 192, f16
/// `d` at 208. Each half h of 128 values uses ql + 64h, qh + 32h and
/// scales + 8h (see the layout table in the reference). Paired with Q8_K.
enum Q6K {
    static let blockValues = 256
    static let blockBytes = 210

    /// Quant (already offset by -32) and scale index of value i.
    @inline(__always)
    static func quant(_ block: UnsafeRawPointer, _ i: Int) -> (q: Int32, scale: Int) {
        let h = i / 128, r = i % 128, group = r / 32, l = r % 32
        func ql(_ k: Int) -> Int32 { Int32(block.load(fromByteOffset: 64 * h + k, as: UInt8.self)) }
        let qh = Int32(block.load(fromByteOffset: 128 + 32 * h + l, as: UInt8.self))
        let low: Int32
        switch group {
        case 0: low = ql(l) & 15
        case 1: low = ql(l + 32) & 15
        case 2: low = ql(l) >> 4
        default: low = ql(l + 32) >> 4
        }
        let q = (low | (((qh >> Int32(2 * group)) & 3) << 4)) - 32
        return (q, 8 * h + l / 16 + 2 * group)
    }

    @inline(__always)
    static func scale(_ block: UnsafeRawPointer, _ k: Int) -> Int32 {
        Int32(block.load(fromByteOffset: 192 + k, as: Int8.self))
    }

    static func dequantize(_ src: UnsafeRawPointer, count: Int, into dst: UnsafeMutablePointer<Float>) {
        for b in 0..<(count / blockValues) {
            let block = src + b * blockBytes
            let d = block.loadF16(at: 208)
            for i in 0..<blockValues {
                let (q, s) = quant(block, i)
                dst[b * blockValues + i] = d * Float(scale(block, s)) * Float(q)
            }
        }
    }

    /// Scalar reference: Q6_K weights against Q8_K activations.
    static func dot(_ w: UnsafeRawPointer, _ a: UnsafeRawPointer, count: Int) -> Float {
        var sum: Float = 0
        for b in 0..<(count / blockValues) {
            let wb = w + b * blockBytes, ab = a + b * Q8K.blockBytes
            var isum: Int32 = 0
            for i in 0..<blockValues {
                let (q, s) = quant(wb, i)
                isum += scale(wb, s) * q * Q8K.quant(ab, i)
            }
            sum += wb.loadF16(at: 208) * Q8K.scale(ab) * Float(isum)
        }
        return sum
    }
}
