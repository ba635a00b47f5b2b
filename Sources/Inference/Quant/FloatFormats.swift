/// Unquantized tensor types: F32, F16 and BF16 (little-endian). Matmuls with
/// these weights take f32 activations (no activation quantization).
enum FloatFormat {
    case f32, f16, bf16

    var bytesPerValue: Int { self == .f32 ? 4 : 2 }

    @inline(__always)
    func value(_ src: UnsafeRawPointer, _ i: Int) -> Float {
        switch self {
        case .f32: src.loadUnaligned(fromByteOffset: 4 * i, as: Float.self)
        case .f16: src.loadF16(at: 2 * i)
        case .bf16: HalfFloat.float(fromBF16: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
        }
    }

    func dequantize(_ src: UnsafeRawPointer, count: Int, into dst: UnsafeMutablePointer<Float>) {
        for i in 0..<count { dst[i] = value(src, i) }
    }

    /// Weights of this format against f32 activations.
    func dot(_ w: UnsafeRawPointer, _ a: UnsafeRawPointer, count: Int) -> Float {
        var sum: Float = 0
        for i in 0..<count { sum += value(w, i) * a.loadUnaligned(fromByteOffset: 4 * i, as: Float.self) }
        return sum
    }
}
