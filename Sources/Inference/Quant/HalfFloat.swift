/// IEEE half and bfloat16 conversions as ggml does them (round to nearest
/// even). Done in software with bit arithmetic and a table: the baseline
/// x86-64 target has no F16C, and Swift's Float16 conversions there are
/// library calls that cost 14% of prefill when used per value.
enum HalfFloat {
    /// f16 bits -> f32, all 65,536 values.
    nonisolated(unsafe) static let table: UnsafeMutablePointer<Float> = {
        let t = UnsafeMutablePointer<Float>.allocate(capacity: 65536)
        for bits in 0..<65536 { t[bits] = Float(Float16(bitPattern: UInt16(bits))) }
        return t
    }()

    @inline(__always)
    static func float(fromF16 bits: UInt16) -> Float {
        table[Int(bits)]
    }

    @inline(__always)
    static func f16(from value: Float) -> UInt16 {
        let x = value.bitPattern
        let sign = UInt16(truncatingIfNeeded: (x >> 16) & 0x8000)
        let a = x & 0x7FFF_FFFF
        if a >= 0x477F_F000 {
            // Rounds to infinity (>= 65520), or is infinity / NaN.
            return sign | (a > 0x7F80_0000 ? 0x7E00 : 0x7C00)
        }
        if a < 0x3880_0000 {
            // Below 2^-14: an f16 subnormal, a multiple of 2^-24 (exact scaling).
            let scaled = Float(bitPattern: a) * 16_777_216
            return sign | UInt16(scaled.rounded(.toNearestOrEven))
        }
        // Rebias the exponent (127 -> 15) and round the 13 dropped bits to nearest even.
        return sign | UInt16(truncatingIfNeeded: (a &- 0x3800_0000 &+ 0x0FFF &+ ((a >> 13) & 1)) >> 13)
    }

    /// Rounds through f16 and back: what storing a value in an f16 tensor does.
    @inline(__always)
    static func roundedToF16(_ value: Float) -> Float {
        float(fromF16: f16(from: value))
    }

    @inline(__always)
    static func float(fromBF16 bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }
}

extension UnsafeRawPointer {
    /// The little-endian f16 at `offset` as a Float.
    @inline(__always)
    func loadF16(at offset: Int) -> Float {
        HalfFloat.float(fromF16: loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }
}
