import Foundation
import InferenceKernels

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
        scaleNormed(x, count: count, sum: sum, eps: eps, weight: weight, into: y)
    }

    /// ``rmsNorm`` of `rows` rows (row r at x + r * stride, into y + r *
    /// stride). Each row's sum is the same sequential chain; four rows' chains
    /// run interleaved, so the double adds overlap instead of waiting on one
    /// another.
    static func rmsNormRows(_ x: UnsafePointer<Float>, rows: Int, count: Int, stride: Int, eps: Float,
                            weight: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        var r = 0
        while r + 4 <= rows {
            let x0 = x + r * stride, x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride
            var s0: Double = 0, s1: Double = 0, s2: Double = 0, s3: Double = 0
            for i in 0..<count {
                s0 += Double(x0[i] * x0[i]); s1 += Double(x1[i] * x1[i])
                s2 += Double(x2[i] * x2[i]); s3 += Double(x3[i] * x3[i])
            }
            scaleNormed(x0, count: count, sum: s0, eps: eps, weight: weight, into: y + r * stride)
            scaleNormed(x1, count: count, sum: s1, eps: eps, weight: weight, into: y + (r + 1) * stride)
            scaleNormed(x2, count: count, sum: s2, eps: eps, weight: weight, into: y + (r + 2) * stride)
            scaleNormed(x3, count: count, sum: s3, eps: eps, weight: weight, into: y + (r + 3) * stride)
            r += 4
        }
        for row in r..<rows {
            rmsNorm(x + row * stride, count: count, eps: eps, weight: weight, into: y + row * stride)
        }
    }

    @inline(__always)
    private static func scaleNormed(_ x: UnsafePointer<Float>, count: Int, sum: Double, eps: Float,
                                    weight: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        // ggml rounds the mean to float before adding eps and takes a float sqrt.
        let mean = Float(sum / Double(count))
        let scale = 1 / (mean + eps).squareRoot()
        for i in 0..<count { y[i] = (x[i] * scale) * weight[i] }
    }

    /// cos/sin table for one position, as ggml's `rope_cache_init`: theta
    /// starts at the position and is multiplied by base^(-2/dims) per pair
    /// (in float, iteratively, like ggml). Layout: dims/2 cosines, then
    /// dims/2 sines.
    static func ropeTable(position: Int, dimensions: Int, base: Float, into table: UnsafeMutablePointer<Float>) {
        let thetaScale = powf(base, -2.0 / Float(dimensions))
        let half = dimensions / 2
        var theta = Float(position)
        for i in 0..<half {
            table[i] = cosf(theta)
            table[half + i] = sinf(theta)
            theta *= thetaScale
        }
    }

    /// NEOX RoPE in place: rotates pairs (x[i], x[i + dims/2]) (portable form
    /// of `ick_rope_neox_avx2`).
    @inline(__always)
    static func ropeNeox(_ x: UnsafeMutablePointer<Float>, dimensions: Int, table: UnsafePointer<Float>) {
        let half = dimensions / 2
        for i in 0..<half {
            let c = table[i], s = table[half + i]
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
                      into y: UnsafeMutablePointer<Float>, path: KernelPath = .preferred) {
        geluTable.withUnsafeBufferPointer { table in
            if path != .scalar {
                ick_geglu_table_avx2(Int32(count), gate, up, table.baseAddress!, y)
                return
            }
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
