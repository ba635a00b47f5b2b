/// The format an activation row is converted to before it meets a weight
/// matrix (ggml's `vec_dot_type`): Q8_0 for Q8_0/Q5_0/Q4_0 weights, Q8_K for
/// K-quants, plain f32 for float weights.
enum ActivationFormat: Sendable {
    case q8_0, q8K, f32

    /// Bytes of one quantized row of `count` values.
    func rowBytes(_ count: Int) -> Int {
        switch self {
        case .q8_0: count / Q8_0.blockValues * Q8_0.blockBytes
        case .q8K: count / Q8K.blockValues * Q8K.blockBytes
        case .f32: count * 4
        }
    }

    func quantize(_ src: UnsafePointer<Float>, count: Int, into dst: UnsafeMutableRawPointer) {
        switch self {
        case .q8_0: Q8_0.quantize(src, count: count, into: dst)
        case .q8K: Q8K.quantize(src, count: count, into: dst)
        case .f32: dst.copyMemory(from: src, byteCount: count * 4)
        }
    }
}
