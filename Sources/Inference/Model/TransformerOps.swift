import Foundation

/// Norm, RoPE, activation and softmax, written once and shared by the
/// architectures. Each mirrors the ggml CPU op it replaces (cited) so
/// activations line up with llama.cpp's.
enum TransformerOps {
    /// ggml `rms_norm` then `mul`: y = x / sqrt(mean(x^2) + eps) * w, the sum
    /// of squares accumulated in double as ggml does.
    @inline(__always)
    static func rmsNorm(_ x: UnsafePointer<Float>, count: Int, eps: Float, weight: UnsafePointer<Float>,
                        into y: UnsafeMutablePointer<Float>) {
        var sum: Double = 0
        for i in 0..<count { sum += Double(x[i] * x[i]) }
        // ggml rounds the mean to float before adding eps and takes a float sqrt.
        let mean = Float(sum / Double(count))
        let scale = 1 / (mean + eps).squareRoot()
        for i in 0..<count { y[i] = (x[i] * scale) * weight[i] }
    }

    /// cos/sin table for one position, as ggml's `rope_cache_init`: theta
    /// starts at the position and is multiplied by base^(-2/dims) per pair
    /// (in float, iteratively, like ggml).
    static func ropeTable(position: Int, dimensions: Int, base: Float, into table: UnsafeMutablePointer<Float>) {
        let thetaScale = powf(base, -2.0 / Float(dimensions))
        var theta = Float(position)
        for i in 0..<(dimensions / 2) {
            table[2 * i] = cosf(theta)
            table[2 * i + 1] = sinf(theta)
            theta *= thetaScale
        }
    }

    /// NEOX RoPE in place: rotates pairs (x[i], x[i + dims/2]).
    @inline(__always)
    static func ropeNeox(_ x: UnsafeMutablePointer<Float>, dimensions: Int, table: UnsafePointer<Float>) {
        let half = dimensions / 2
        for i in 0..<half {
            let c = table[2 * i], s = table[2 * i + 1]
            let x0 = x[i], x1 = x[i + half]
            // ggml-cpu is built with FP contraction: GCC fuses the first
            // product of each line into an FMA (measured bit-exact).
            x[i] = (-(x1 * s)).addingProduct(x0, c)
            x[i + half] = (x1 * c).addingProduct(x0, s)
        }
    }

    /// ggml's GELU (tanh form) goes through a 64K-entry f16 table when
    /// GGML_GELU_FP16 is set (the CPU default): gelu(f16(x)) rounded to f16.
    /// Matching it keeps the FFN bit-compatible with llama.cpp.
    static let geluTable: [Float] = (0..<65536).map { bits in
        let x = HalfFloat.float(fromF16: UInt16(bits))
        // ggml_gelu_f32 as GCC contracts it: 1 + (A x) x is one FMA.
        let inner = Float(1).addingProduct(Float(0.044715) * x, x)
        let g = 0.5 * x * (1 + tanhf(Float(0.797_884_560_802_865_4) * x * inner))
        return HalfFloat.roundedToF16(g)
    }

    /// ggml `geglu` (split form): y = gelu(gate) * up, with ggml's cut-offs.
    static func geglu(_ gate: UnsafePointer<Float>, _ up: UnsafePointer<Float>, count: Int,
                      into y: UnsafeMutablePointer<Float>) {
        geluTable.withUnsafeBufferPointer { table in
            for i in 0..<count {
                let x = gate[i]
                if x <= -10 {
                    y[i] = 0
                } else if x >= 10 {
                    y[i] = x * up[i]
                } else {
                    y[i] = table[Int(HalfFloat.f16(from: x))] * up[i]
                }
            }
        }
    }
}
