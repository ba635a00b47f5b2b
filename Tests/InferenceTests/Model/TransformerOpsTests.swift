import Foundation
import InferenceKernels
import Testing
@testable import Inference

/// The forward pass's per-row ops: the AVX2 kernels equal the Swift
/// reference bit for bit, and the interleaved norm equals the one-row norm.
@Suite struct TransformerOpsTests {
    @Test func normOfSeveralRowsEqualsNormOfEachRow() {
        var rng = SplitMix(seed: 21)
        let rows = 7, count = 640
        let x = (0..<(rows * count)).map { _ in rng.float(-3, 3) }
        let w = (0..<count).map { _ in rng.float(0.5, 1.5) }
        var together = [Float](repeating: 0, count: rows * count), single = together
        TransformerOps.rmsNormRows(x, rows: rows, count: count, stride: count, eps: 1e-6, weight: w, into: &together)
        x.withUnsafeBufferPointer { xb in
            single.withUnsafeMutableBufferPointer { yb in
                for r in 0..<rows {
                    TransformerOps.rmsNorm(xb.baseAddress! + r * count, count: count, eps: 1e-6, weight: w,
                                           into: yb.baseAddress! + r * count)
                }
            }
        }
        #expect(together.map(\.bitPattern) == single.map(\.bitPattern))
        // And it is a norm: each output row has mean square ~ weight^2 scale.
        let plain = (0..<count).map { i in Double(x[i]) / (x[0..<count].map { Double($0 * $0) }.reduce(0, +) / Double(count)).squareRoot() * Double(w[i]) }
        for i in 0..<count { #expect(abs(Double(single[i]) - plain[i]) <= 1e-5 * max(1, abs(plain[i]))) }
    }

    @Test(.enabled(if: KernelPath.available.contains(.avx2)), arguments: [256, 20])
    func ropeKernelEqualsSwift(dimensions: Int) {
        var rng = SplitMix(seed: UInt64(dimensions))
        let heads = 3
        var table = [Float](repeating: 0, count: dimensions)
        TransformerOps.ropeTable(position: 1234, dimensions: dimensions, base: 10_000, into: &table)
        let x = (0..<(heads * dimensions)).map { _ in rng.float(-4, 4) }
        var fast = x, slow = x
        ick_rope_neox_avx2(Int32(dimensions / 2), Int32(heads), &fast, dimensions, table)
        slow.withUnsafeMutableBufferPointer { b in
            for h in 0..<heads { TransformerOps.ropeNeox(b.baseAddress! + h * dimensions, dimensions: dimensions, table: table) }
        }
        #expect(fast.map(\.bitPattern) == slow.map(\.bitPattern))
        // A rotation keeps each pair's length.
        let half = dimensions / 2
        for i in 0..<half {
            let before = x[i] * x[i] + x[i + half] * x[i + half], after = slow[i] * slow[i] + slow[i + half] * slow[i + half]
            #expect(abs(before - after) <= 1e-4 * max(1, before))
        }
    }

    @Test(.enabled(if: KernelPath.available.contains(.avx2)))
    func scaleAndRoundKernelEqualsSwift() {
        var rng = SplitMix(seed: 4)
        let x = (0..<1027).map { i in i % 50 == 0 ? rng.float(-1e-6, 1e-6) : rng.float(-70_000, 70_000) / Float(1 + i % 9) }
        var fast = x
        ick_scale_round_f16_avx2(Int32(x.count), &fast, 0.0625)
        let slow = x.map { HalfFloat.roundedToF16($0 * 0.0625) }
        #expect(fast.map(\.bitPattern) == slow.map(\.bitPattern))
    }

    @Test(.enabled(if: KernelPath.available.contains(.avx2)), arguments: [2048, 1027, 5])
    func gegluKernelEqualsSwift(count: Int) {
        var rng = SplitMix(seed: UInt64(count))
        // Both cut-offs, values right at them, tiny and ordinary gates.
        let special: [Float] = [-10, 10, -10.000001, 9.999999, -12, 37, 0, -0.0, 1e-7, -1e-7]
        let gate = (0..<count).map { i in i < special.count ? special[i] : rng.float(-14, 14) / Float(1 + i % 5) }
        let up = (0..<count).map { _ in rng.float(-3, 3) }
        var fast = [Float](repeating: .nan, count: count), slow = fast
        TransformerOps.geglu(gate, up, count: count, into: &fast, path: .avx2)
        TransformerOps.geglu(gate, up, count: count, into: &slow, path: .scalar)
        #expect(fast.map(\.bitPattern) == slow.map(\.bitPattern))
        // In place, as the forward pass runs it.
        var inPlace = gate
        inPlace.withUnsafeMutableBufferPointer { g in
            TransformerOps.geglu(g.baseAddress!, up, count: count, into: g.baseAddress!, path: .avx2)
        }
        #expect(inPlace.map(\.bitPattern) == slow.map(\.bitPattern))
    }
}
