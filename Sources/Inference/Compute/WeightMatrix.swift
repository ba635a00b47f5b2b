import InferenceKernels

/// A 2-D weight tensor viewed in place in the mapped GGUF file: `rows` output
/// rows of `columns` values each (ggml `ne = [columns, rows]`), so output o is
/// dot(row o, x). Holds no copy; the file must outlive it.
struct WeightMatrix: @unchecked Sendable {
    let type: GGMLType
    let rows: Int
    let columns: Int
    let data: UnsafeRawPointer
    let rowBytes: Int

    init(type: GGMLType, rows: Int, columns: Int, data: UnsafeRawPointer) {
        self.type = type
        self.rows = rows
        self.columns = columns
        self.data = data
        self.rowBytes = columns / type.blockSize * type.bytesPerBlock
    }

    var activationFormat: ActivationFormat {
        switch type {
        case .q8_0, .q5_0, .q4_0: .q8_0
        case .q4_K, .q5_K, .q6_K: .q8K
        default: .f32
        }
    }

    /// Dequantizes row `row` into `dst` (columns floats).
    func dequantizeRow(_ row: Int, into dst: UnsafeMutablePointer<Float>) {
        let src = data + row * rowBytes
        switch type {
        case .q8_0: Q8_0.dequantize(src, count: columns, into: dst)
        case .q5_0: Q5_0.dequantize(src, count: columns, into: dst)
        case .q4_0: Q4_0.dequantize(src, count: columns, into: dst)
        case .q4_K: Q4K.dequantize(src, count: columns, into: dst)
        case .q5_K: Q5K.dequantize(src, count: columns, into: dst)
        case .q6_K: Q6K.dequantize(src, count: columns, into: dst)
        case .f16: FloatFormat.f16.dequantize(src, count: columns, into: dst)
        case .bf16: FloatFormat.bf16.dequantize(src, count: columns, into: dst)
        default: FloatFormat.f32.dequantize(src, count: columns, into: dst)
        }
    }

    /// The C kernel for `path`, if there is one for this type. `batchTokens`
    /// (the tokens of the whole matmul) picks the float order llama.cpp uses
    /// for that batch size: its tiled K-quant matmul from 8 tokens on.
    func fastKernel(_ path: KernelPath, batchTokens: Int = 1) -> ick_gemm_fn? {
        switch (path, type) {
        case (.scalar, _): nil
        case (.avx512, .q8_0): ick_gemm_q8_0_avx512
        case (.avx512, .q5_0): ick_gemm_q5_0_avx512
        case (.avx512, .q4_0): ick_gemm_q4_0_avx512
        case (.avx512, .q4_K): ick_gemm_q4_k_avx512
        case (.avx512, .q6_K) where batchTokens >= 8: ick_gemm_q6_k_tiled_avx512
        case (.avx512, .q6_K): ick_gemm_q6_k_avx512
        case (_, .q6_K) where batchTokens >= 8: ick_gemm_q6_k_tiled_avx2
        case (.avxVNNI, .q8_0): ick_gemm_q8_0_avxvnni
        case (.avxVNNI, .q5_0): ick_gemm_q5_0_avxvnni
        case (_, .q8_0): ick_gemm_q8_0_avx2
        case (_, .q5_0): ick_gemm_q5_0_avx2
        case (_, .q4_0): ick_gemm_q4_0_avx2
        case (_, .q4_K): ick_gemm_q4_k_avx2
        case (_, .q6_K): ick_gemm_q6_k_avx2
        default: nil
        }
    }

    /// Scalar reference dot of row `row` with one activation row in `activationFormat`.
    func scalarDot(row: Int, activation: UnsafeRawPointer) -> Float {
        let w = data + row * rowBytes
        switch type {
        case .q8_0: return Q8_0.dot(w, activation, count: columns)
        case .q5_0: return Q5_0.dot(w, activation, count: columns)
        case .q4_0: return Q4_0.dot(w, activation, count: columns)
        case .q4_K: return Q4K.dot(w, activation, count: columns)
        case .q5_K: return Q5K.dot(w, activation, count: columns)
        case .q6_K: return Q6K.dot(w, activation, count: columns)
        case .f16: return FloatFormat.f16.dot(w, activation, count: columns)
        case .bf16: return FloatFormat.bf16.dot(w, activation, count: columns)
        default: return FloatFormat.f32.dot(w, activation, count: columns)
        }
    }

    /// out[j * outStride + r] = dot(row r, activation j) for r in `rowRange`,
    /// j in 0..<activationCount. Activations are already in `activationFormat`.
    func multiply(rows rowRange: Range<Int>, activations: UnsafeRawPointer, activationRowBytes: Int,
                  activationCount: Int, into out: UnsafeMutablePointer<Float>, outStride: Int,
                  path: KernelPath = .preferred, batchTokens: Int? = nil) {
        if let kernel = fastKernel(path, batchTokens: batchTokens ?? activationCount) {
            kernel(Int32(columns), data, rowBytes, Int32(rowRange.lowerBound), Int32(rowRange.upperBound),
                   activations, activationRowBytes, Int32(activationCount), out, outStride)
            return
        }
        for r in rowRange {
            for j in 0..<activationCount {
                out[j * outStride + r] = scalarDot(row: r, activation: activations + j * activationRowBytes)
            }
        }
    }
}
