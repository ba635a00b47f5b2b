import InferenceKernels
import Testing
@testable import Inference

/// Every fast Q4_K / Q6_K path against `KQuantLlamaOrder`, bit for bit: the
/// panel kernels (repacked rows, batches) and the pair kernels (decode), at
/// 1...17 activation rows, row ranges that cut panels, and every float-order
/// mode the batch size selects; and again with no panel memory to be had,
/// when the pair kernels stand in for the panels in their orders too.
@Suite struct KQuantOrderTests {
    static let fastPaths = KernelPath.available.filter { $0 != .scalar }

    @Test(.enabled(if: !fastPaths.isEmpty), arguments: [GGMLType.q4_K, .q6_K], [true, false])
    func fastPathsFollowLlamaOrderBitForBit(_ type: GGMLType, panels: Bool) {
        ick_kquant_allow_panels(panels ? 1 : 0)
        defer { ick_kquant_allow_panels(1) }
        var rng = SplitMix(seed: 0x5EED_0004 &+ UInt64(type.rawValue))
        let rows = 37, columns = 1024
        let weights = QuantKernelTests.randomRows(type, rows: rows, columns: columns, rng: &rng)
        weights.withUnsafeBytes { w in
            let matrix = WeightMatrix(type: type, rows: rows, columns: columns, data: w.baseAddress!)
            let aRow = ActivationFormat.q8K.rowBytes(columns)
            for n in 1...17 {
                let x = (0..<(n * columns)).map { _ in rng.float(-3, 3) }
                var acts = [UInt8](repeating: 0, count: n * aRow)
                acts.withUnsafeMutableBytes { a in
                    x.withUnsafeBufferPointer { xp in
                        for j in 0..<n { ActivationFormat.q8K.quantize(xp.baseAddress! + j * columns, count: columns, into: a.baseAddress! + j * aRow) }
                    }
                }
                // Q6_K's order follows the tokens of the whole matmul, which
                // may exceed the rows of one call.
                let batches = type == .q6_K ? [n, 1, 8] : [n]
                for batchTokens in batches {
                    var expected = [Float](repeating: 0, count: n * rows)
                    acts.withUnsafeBytes { a in
                        for j in 0..<n {
                            for r in 0..<rows {
                                let wr = w.baseAddress! + r * matrix.rowBytes, ar = a.baseAddress! + j * aRow
                                expected[j * rows + r] = type == .q4_K
                                    ? KQuantLlamaOrder.q4K(wr, ar, count: columns, per64: j < n - n % 4)
                                    : KQuantLlamaOrder.q6K(wr, ar, count: columns, tiled: batchTokens >= 8)
                            }
                        }
                    }
                    for path in Self.fastPaths {
                        for range in [0..<rows, 1..<rows, 3..<21] {
                            var out = [Float](repeating: .nan, count: n * rows)
                            acts.withUnsafeBytes { a in
                                out.withUnsafeMutableBufferPointer { o in
                                    matrix.multiply(rows: range, activations: a.baseAddress!, activationRowBytes: aRow,
                                                    activationCount: n, into: o.baseAddress!, outStride: rows, path: path,
                                                    batchTokens: batchTokens)
                                }
                            }
                            let mismatches = (0..<n).flatMap { j in range.map { j * rows + $0 } }
                                .filter { out[$0].bitPattern != expected[$0].bitPattern }
                            #expect(mismatches.isEmpty, "\(type) \(path) panels \(panels) n=\(n) batch \(batchTokens) rows \(range): \(mismatches.count) differ")
                            let untouched = (0..<n).allSatisfy { j in (0..<rows).allSatisfy { range.contains($0) || out[j * rows + $0].isNaN } }
                            #expect(untouched, "\(type) \(path) n=\(n) wrote outside rows \(range)")
                        }
                    }
                }
            }
        }
    }
}
