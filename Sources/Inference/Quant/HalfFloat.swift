/// IEEE half and bfloat16 conversions as ggml does them (round to nearest even).
enum HalfFloat {
    @inline(__always)
    static func float(fromF16 bits: UInt16) -> Float {
        Float(Float16(bitPattern: bits))
    }

    @inline(__always)
    static func f16(from value: Float) -> UInt16 {
        Float16(value).bitPattern
    }

    /// Rounds through f16 and back: what storing a value in an f16 tensor does.
    @inline(__always)
    static func roundedToF16(_ value: Float) -> Float {
        Float(Float16(value))
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
