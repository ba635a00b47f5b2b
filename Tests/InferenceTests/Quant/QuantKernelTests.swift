import Testing
@testable import Inference

/// Every weight type, every kernel path, against dequantize-then-float.
///
/// Tolerances: the integer dot products are exact; what differs is float
/// rounding (per-block scale products, accumulation order), so results must
/// agree within 1e-4 of sum |w_i * a_i| (f32 has 24 bits; a 640..2048-term
/// sum loses at most ~1e-5 relative). Against dequantize-then-float the
/// activation is the dequantized quantized row, so quantization error does
/// not enter.
@Suite struct QuantKernelTests {
    static let weightTypes: [GGMLType] = [.q8_0, .q5_0, .q4_0, .q4_K, .q5_K, .q6_K, .f16, .bf16, .f32]

    /// Random weight rows with sane f16 scales where the format has them.
    static func randomRows(_ type: GGMLType, rows: Int, columns: Int, rng: inout SplitMix) -> [UInt8] {
        let rowBytes = columns / type.blockSize * type.bytesPerBlock
        var bytes = (0..<(rows * rowBytes)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        func setF16(_ offset: Int, _ v: Float) {
            let bits = HalfFloat.f16(from: v)
            bytes[offset] = UInt8(bits & 0xFF); bytes[offset + 1] = UInt8(bits >> 8)
        }
        let blocks = rows * columns / type.blockSize
        for b in 0..<blocks {
            let o = b * type.bytesPerBlock
            switch type {
            case .q8_0, .q5_0, .q4_0: setF16(o, rng.float(0.001, 0.02))
            case .q4_K, .q5_K: setF16(o, rng.float(0.0005, 0.002)); setF16(o + 2, rng.float(0.0005, 0.002))
            case .q6_K: setF16(o + 208, rng.float(0.0005, 0.002))
            case .f16: setF16(o, rng.float(-1, 1))
            case .bf16:
                let bits = UInt16(rng.float(-1, 1).bitPattern >> 16)
                bytes[o] = UInt8(bits & 0xFF); bytes[o + 1] = UInt8(bits >> 8)
            case .f32:
                let v = rng.float(-1, 1).bitPattern
                for k in 0..<4 { bytes[o + k] = UInt8((v >> (8 * UInt32(k))) & 0xFF) }
            default: break
            }
        }
        return bytes
    }

    static func check(_ type: GGMLType, path: KernelPath, activations n: Int) {
        var rng = SplitMix(seed: UInt64(type.rawValue) * 7919 + UInt64(n))
        let rows = 9, columns = 1024
        let weights = randomRows(type, rows: rows, columns: columns, rng: &rng)
        let x = (0..<(n * columns)).map { _ in rng.float(-3, 3) }
        weights.withUnsafeBytes { w in
            let matrix = WeightMatrix(type: type, rows: rows, columns: columns, data: w.baseAddress!)
            let format = matrix.activationFormat
            let aRow = format.rowBytes(columns)
            var acts = [UInt8](repeating: 0, count: n * aRow)
            acts.withUnsafeMutableBytes { a in
                x.withUnsafeBufferPointer { xp in
                    for j in 0..<n { format.quantize(xp.baseAddress! + j * columns, count: columns, into: a.baseAddress! + j * aRow) }
                }
            }
            var out = [Float](repeating: .nan, count: n * rows)
            acts.withUnsafeBytes { a in
                out.withUnsafeMutableBufferPointer { o in
                    matrix.multiply(rows: 0..<rows, activations: a.baseAddress!, activationRowBytes: aRow,
                                    activationCount: n, into: o.baseAddress!, outStride: rows, path: path)
                }
                var wRow = [Float](repeating: 0, count: columns)
                var aDeq = [Float](repeating: 0, count: columns)
                for j in 0..<n {
                    let ap = a.baseAddress! + j * aRow
                    switch format {
                    case .q8_0: Q8_0.dequantize(ap, count: columns, into: &aDeq)
                    case .q8K: Q8K.dequantize(ap, count: columns, into: &aDeq)
                    case .f32: FloatFormat.f32.dequantize(ap, count: columns, into: &aDeq)
                    }
                    for r in 0..<rows {
                        matrix.dequantizeRow(r, into: &wRow)
                        var ref: Double = 0, mag: Double = 0
                        for i in 0..<columns {
                            ref += Double(wRow[i]) * Double(aDeq[i]); mag += abs(Double(wRow[i]) * Double(aDeq[i]))
                        }
                        let got = Double(out[j * rows + r])
                        #expect(abs(got - ref) <= 1e-4 * mag + 1e-6,
                                "\(type) \(path) act \(j) row \(r): \(got) vs \(ref) (magnitude \(mag))")
                    }
                }
            }
        }
    }

    @Test(arguments: weightTypes)
    func scalarMatchesDequantizedFloat(_ type: GGMLType) {
        Self.check(type, path: .scalar, activations: 1)
    }

    @Test(arguments: weightTypes)
    func fastPathsMatchDequantizedFloat(_ type: GGMLType) {
        for path in KernelPath.available where path != .scalar {
            // 130 rows x 32 blocks exceeds the kernel's stack scale table: exercises its split.
            for n in [1, 3, 4, 6, 130] { Self.check(type, path: path, activations: n) }
        }
    }

    /// The C quantizers give the Swift references' bytes: random rows of
    /// several magnitudes, all-zero blocks, values exactly halfway between two
    /// steps (round half to even), and +max/-max ties (Q8_K takes the first).
    @Test(.enabled(if: KernelPath.available.contains(.avx2)))
    func activationQuantizationKernelsMatchTheSwiftReferences() {
        var rng = SplitMix(seed: 77)
        let count = 1024
        var rows: [[Float]] = (0..<6).map { r in
            let scale: Float = [0.001, 0.5, 3, 40, 1e4, 1e-6][r]
            return (0..<count).map { _ in rng.float(-scale, scale) }
        }
        var zeros = (0..<count).map { _ in rng.float(-1, 1) }
        for i in 256..<512 { zeros[i] = 0 }
        rows.append(zeros)
        // amax 127: id = 1, so k + 0.5 sits exactly halfway.
        rows.append((0..<count).map { i in i % 32 == 0 ? 127 : Float(i % 9) - 4.5 })
        // Q8_K: the first of -7 / +7 sets the sign of the scale.
        rows.append((0..<count).map { i in i % 256 == 5 ? -7 : (i % 256 == 9 ? 7 : rng.float(-2, 2)) })
        for x in rows {
            for format in [ActivationFormat.q8_0, .q8K] {
                func bytes(_ path: KernelPath) -> [UInt8] {
                    var q = [UInt8](repeating: 0xAA, count: format.rowBytes(count))
                    x.withUnsafeBufferPointer { xp in
                        q.withUnsafeMutableBytes { format.quantize(xp.baseAddress!, count: count, into: $0.baseAddress!, path: path) }
                    }
                    return q
                }
                #expect(bytes(.avx2) == bytes(.scalar), "\(format) row starting \(x[0])")
            }
        }
    }

    @Test func activationQuantizationRoundTrips() {
        var rng = SplitMix(seed: 42)
        let x = (0..<512).map { _ in rng.float(-5, 5) }
        for format in [ActivationFormat.q8_0, .q8K] {
            var q = [UInt8](repeating: 0, count: format.rowBytes(512))
            var back = [Float](repeating: 0, count: 512)
            x.withUnsafeBufferPointer { xp in q.withUnsafeMutableBytes { qp in format.quantize(xp.baseAddress!, count: 512, into: qp.baseAddress!) } }
            q.withUnsafeBytes { qp in
                if format == .q8_0 { Q8_0.dequantize(qp.baseAddress!, count: 512, into: &back) } else { Q8K.dequantize(qp.baseAddress!, count: 512, into: &back) }
            }
            // One quantization step is amax/127 (<= 5/127); rounding costs half a step.
            for i in 0..<512 { #expect(abs(back[i] - x[i]) <= 5.0 / 127 * 0.51 + 1e-3, "\(format) \(i)") }
        }
        // bsums are the sums of each 16 quants.
        q8KBsums: do {
            var q = [UInt8](repeating: 0, count: Q8K.blockBytes * 2)
            x.withUnsafeBufferPointer { xp in q.withUnsafeMutableBytes { qp in Q8K.quantize(xp.baseAddress!, count: 512, into: qp.baseAddress!) } }
            q.withUnsafeBytes { qp in
                for b in 0..<2 {
                    let block = qp.baseAddress! + b * Q8K.blockBytes
                    for g in 0..<16 {
                        let s = (0..<16).reduce(Int32(0)) { $0 + Q8K.quant(block, g * 16 + $1) }
                        #expect(Q8K.bsum(block, g) == s)
                    }
                }
            }
        }
    }
}

/// A small deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func float(_ lo: Float, _ hi: Float) -> Float {
        lo + (hi - lo) * Float(next() >> 40) / Float(1 << 24)
    }
}
