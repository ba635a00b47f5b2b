/// Q8_K (ggml `block_q8_K`): the activation format paired with K-quant
/// weights. 256 values as an f32 scale `d` at 0, 256 signed bytes at 4 and 16
/// i16 sums of each 16 quants (`bsums`) at 260, which K-quant dots use for
/// their min/offset terms.
enum Q8K {
    static let blockValues = 256
    static let blockBytes = 292

    /// ggml `quantize_row_q8_K_ref`: scale from the signed value of largest
    /// magnitude, iscale = -127 / max, q = min(127, round-half-even(iscale * x)).
    static func quantize(_ src: UnsafePointer<Float>, count: Int, into dst: UnsafeMutableRawPointer) {
        for b in 0..<(count / blockValues) {
            let x = src + b * blockValues
            let block = dst + b * blockBytes
            var amax: Float = 0, maxValue: Float = 0
            for j in 0..<blockValues where abs(x[j]) > amax {
                amax = abs(x[j]); maxValue = x[j]
            }
            if amax == 0 {
                block.initializeMemory(as: UInt8.self, repeating: 0, count: blockBytes)
                continue
            }
            let iscale = -127 / maxValue
            for j in 0..<blockValues {
                let v = min(127, Int32((iscale * x[j]).rounded(.toNearestOrEven)))
                block.storeBytes(of: Int8(v), toByteOffset: 4 + j, as: Int8.self)
            }
            for g in 0..<16 {
                var s: Int16 = 0
                for j in 0..<16 { s += Int16(block.load(fromByteOffset: 4 + g * 16 + j, as: Int8.self)) }
                block.storeBytes(of: s, toByteOffset: 260 + 2 * g, as: Int16.self)
            }
            block.storeBytes(of: 1 / iscale, as: Float.self)
        }
    }

    static func dequantize(_ src: UnsafeRawPointer, count: Int, into dst: UnsafeMutablePointer<Float>) {
        for b in 0..<(count / blockValues) {
            let block = src + b * blockBytes
            let d = block.loadUnaligned(as: Float.self)
            for j in 0..<blockValues {
                dst[b * blockValues + j] = Float(block.load(fromByteOffset: 4 + j, as: Int8.self)) * d
            }
        }
    }

    @inline(__always)
    static func scale(_ block: UnsafeRawPointer) -> Float { block.loadUnaligned(as: Float.self) }

    @inline(__always)
    static func quant(_ block: UnsafeRawPointer, _ j: Int) -> Int32 {
        Int32(block.load(fromByteOffset: 4 + j, as: Int8.self))
    }

    @inline(__always)
    static func bsum(_ block: UnsafeRawPointer, _ g: Int) -> Int32 {
        Int32(block.loadUnaligned(fromByteOffset: 260 + 2 * g, as: Int16.self))
    }
}
