/// One weight matrix of a parallel matmul region and where its output goes:
/// out[token * outStride + row].
struct MatmulTarget {
    let matrix: WeightMatrix
    let out: UnsafeMutablePointer<Float>
    let outStride: Int
}

extension ComputePool {
    /// Multiplies `count` activation rows (already quantized to the targets'
    /// shared activation format) by every target matrix in one parallel
    /// region. Rows of all targets form one index space split into chunks,
    /// so q/k/v (or gate/up) cost one fork-join, not three. Tokens are tiled
    /// by `tokenTile` so a tile of activations stays in L1 while the chunk's
    /// weight rows stream past it. Tiles are multiples of 4 tokens: the
    /// Q4_K kernel follows llama.cpp's gemm order in whole groups of 4.
    /// K-quant matrices take the whole batch in one call: their kernels
    /// repack a panel of weight rows once and run every token against it.
    func multiply(_ targets: [MatmulTarget], activations: UnsafeRawPointer, rowBytes: Int, count: Int,
                  path: KernelPath = .preferred, tokenTile: Int = 16) {
        let tokenTile = targets.allSatisfy { $0.matrix.activationFormat == .q8K } ? max(count, 1) : tokenTile
        let totalRows = targets.reduce(0) { $0 + $1.matrix.rows }
        let granularity = 16
        let oversplit = totalRows >= 8192 ? 8 : 2
        parallelRanges(count: totalRows, granularity: granularity, oversplit: oversplit) { range in
            var base = 0
            for t in targets {
                let lo = max(range.lowerBound, base), hi = min(range.upperBound, base + t.matrix.rows)
                if lo < hi {
                    var tile = 0
                    while tile < count {
                        let n = min(tokenTile, count - tile)
                        t.matrix.multiply(rows: (lo - base)..<(hi - base), activations: activations + tile * rowBytes,
                                          activationRowBytes: rowBytes, activationCount: n,
                                          into: t.out + tile * t.outStride, outStride: t.outStride, path: path,
                                          batchTokens: count)
                        tile += n
                    }
                }
                base += t.matrix.rows
            }
        }
    }

    /// Quantizes `count` rows of `columns` floats (row stride `columns`) into `dst`.
    func quantize(_ format: ActivationFormat, _ src: UnsafePointer<Float>, columns: Int, count: Int,
                  into dst: UnsafeMutableRawPointer) {
        let rowBytes = format.rowBytes(columns)
        if count < 8 {
            for j in 0..<count { format.quantize(src + j * columns, count: columns, into: dst + j * rowBytes) }
            return
        }
        parallelRanges(count: count) { range in
            for j in range { format.quantize(src + j * columns, count: columns, into: dst + j * rowBytes) }
        }
    }
}
