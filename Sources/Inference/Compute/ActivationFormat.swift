import InferenceKernels

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

    /// Any non-scalar path runs the AVX2 C kernels: the same bytes as the
    /// Swift references, about 10x faster.
    func quantize(_ src: UnsafePointer<Float>, count: Int, into dst: UnsafeMutableRawPointer,
                  path: KernelPath = .preferred) {
        switch (self, path) {
        case (.q8_0, .scalar): Q8_0.quantize(src, count: count, into: dst)
        case (.q8_0, _): ick_quantize_q8_0_avx2(Int32(count), src, dst)
        case (.q8K, .scalar): Q8K.quantize(src, count: count, into: dst)
        case (.q8K, _): ick_quantize_q8_k_avx2(Int32(count), src, dst)
        case (.f32, _): dst.copyMemory(from: src, byteCount: count * 4)
        }
    }
}
