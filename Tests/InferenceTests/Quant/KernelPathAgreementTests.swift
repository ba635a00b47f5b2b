import Testing
@testable import Inference

/// Every fast path must give the AVX2 path's results bit for bit (the AVX2
/// kernels follow ggml's float order, which the golden tests rely on), for
/// any number of activation rows (the multi-row kernels group them by 2 and
/// 4) and row ranges with odd starts and ends (the AVX-512 Q8_0-family
/// kernels take weight rows in pairs).
@Suite struct KernelPathAgreementTests {
    static let types: [GGMLType] = [.q8_0, .q5_0, .q4_0, .q4_K, .q6_K]

    @Test(.enabled(if: KernelPath.available.contains(.avx2)), arguments: types)
    func fastPathsAgreeWithAVX2BitForBit(_ type: GGMLType) {
        var rng = SplitMix(seed: 0xC0FFEE &+ UInt64(type.rawValue))
        let rows = 11, columns = 2048
        let weights = QuantKernelTests.randomRows(type, rows: rows, columns: columns, rng: &rng)
        weights.withUnsafeBytes { w in
            let matrix = WeightMatrix(type: type, rows: rows, columns: columns, data: w.baseAddress!)
            let format = matrix.activationFormat
            let aRow = format.rowBytes(columns)
            for n in [1, 2, 3, 4, 5, 7, 8, 17] {
                let x = (0..<(n * columns)).map { _ in rng.float(-3, 3) }
                var acts = [UInt8](repeating: 0, count: n * aRow)
                acts.withUnsafeMutableBytes { a in
                    x.withUnsafeBufferPointer { xp in
                        for j in 0..<n { format.quantize(xp.baseAddress! + j * columns, count: columns, into: a.baseAddress! + j * aRow) }
                    }
                }
                func run(_ path: KernelPath, _ range: Range<Int>) -> [Float] {
                    var out = [Float](repeating: .nan, count: n * rows)
                    acts.withUnsafeBytes { a in
                        out.withUnsafeMutableBufferPointer { o in
                            matrix.multiply(rows: range, activations: a.baseAddress!, activationRowBytes: aRow,
                                            activationCount: n, into: o.baseAddress!, outStride: rows, path: path)
                        }
                    }
                    return out
                }
                for range in [0..<rows, 1..<rows, 3..<8] {
                    let reference = run(.avx2, range)
                    for path in KernelPath.available where path != .scalar && path != .avx2 {
                        let got = run(path, range)
                        let same = zip(reference, got).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
                        #expect(same, "\(type) \(path) n=\(n) rows \(range)")
                    }
                }
            }
        }
    }
}
