import InferenceKernels

/// Keys and values of every layer for `capacity` cells, stored as f16 (as
/// llama.cpp's default cache does, so attention sees the same rounding).
/// Full size on every layer, sliding ones included, so any prefix of what is
/// cached stays valid (prefix reuse). Cell c of layer l holds one token's
/// `kvDimension` keys at `keys(l) + c * kvDimension`.
///
/// Which cells a token may attend to is described by ``CacheSegment`` lists:
/// the prompt occupies cells from 0; each forked candidate appends its own
/// tokens in a private range, and sees the prompt's segment plus its own.
final class KVCache: @unchecked Sendable {
    let layerCount: Int
    let kvDimension: Int
    let capacity: Int
    private let storage: UnsafeMutablePointer<UInt16>

    init(layers: Int, kvDimension: Int, capacity: Int) {
        self.layerCount = layers
        self.kvDimension = kvDimension
        self.capacity = capacity
        let count = layers * 2 * capacity * kvDimension
        // Pages are only touched (and counted in RSS) as cells are written.
        storage = .allocate(capacity: count)
    }

    deinit { storage.deallocate() }

    /// Bytes reserved (the resident part grows with the cells used).
    var byteCount: Int { layerCount * 2 * capacity * kvDimension * 2 }

    @inline(__always)
    func keys(layer: Int) -> UnsafeMutablePointer<UInt16> {
        storage + (2 * layer) * capacity * kvDimension
    }

    @inline(__always)
    func values(layer: Int) -> UnsafeMutablePointer<UInt16> {
        storage + (2 * layer + 1) * capacity * kvDimension
    }

    /// Stores one token's keys and values (f32, rounded to f16).
    func store(layer: Int, cell: Int, keys k: UnsafePointer<Float>, values v: UnsafePointer<Float>) {
        precondition(cell >= 0 && cell < capacity, "KV cell out of range")
        let kd = keys(layer: layer) + cell * kvDimension
        let vd = values(layer: layer) + cell * kvDimension
        if KernelPath.preferred != .scalar {
            ick_f32_to_f16_avx2(Int32(kvDimension), k, kd)
            ick_f32_to_f16_avx2(Int32(kvDimension), v, vd)
        } else {
            for i in 0..<kvDimension {
                kd[i] = HalfFloat.f16(from: k[i])
                vd[i] = HalfFloat.f16(from: v[i])
            }
        }
    }
}

/// A run of cache cells holding consecutive positions of one sequence.
struct CacheSegment: Sendable, Equatable {
    /// First cell.
    var cell: Int
    /// Position of the token in the first cell.
    var position: Int
    var count: Int
}

/// One token of a forward batch: where its K/V go and what it may attend to.
struct BatchToken: Sendable {
    var token: Int32
    var position: Int
    var cell: Int
    /// Cells visible to this token, its own included; positions must be <= `position`.
    var visible: [CacheSegment]
}
