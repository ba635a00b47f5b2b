import Foundation
import InferenceKernels

/// Draws tokens for one candidate from logits per ``SamplingParameters``,
/// with its own seeded generator. Holds a scratch copy of the logits so the
/// model's buffer is never modified; no allocation per token after the first.
struct Sampler {
    let parameters: SamplingParameters
    private var rng: SeededGenerator
    private var scratch: [Float] = []
    private var candidates: [(id: Int32, logit: Float)] = []
    /// Indices of the logits that pass the probability floor (reused).
    private var selected: [Int32] = []
    /// Maxima of k chunks of the logits, for top-k (reused).
    private var chunkMaxima: [Float] = []

    /// The AVX2 scans (max, select) instead of the Swift loops: same results.
    /// A non-scalar preferred path implies AVX2.
    private static let fastScan = KernelPath.preferred != .scalar

    init(parameters: SamplingParameters, stream: UInt64) {
        self.parameters = parameters
        rng = SeededGenerator(seed: parameters.seed &+ stream &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The next token given `logits` (vocabulary-sized) and the recent
    /// token history the penalties consider.
    mutating func sample(_ logits: UnsafePointer<Float>, count: Int, history: ArraySlice<Int32>) -> Int32 {
        let p = parameters
        let penalized = p.repetitionPenalty != 1 || p.presencePenalty != 0
        // Nothing to change: read the model's buffer in place (no 1 MB copy per token).
        guard penalized || !p.logitBias.isEmpty else { return choose(logits, count: count) }
        var buffer = scratch
        scratch = []
        defer { scratch = buffer }
        if buffer.count != count { buffer = [Float](repeating: 0, count: count) }
        return buffer.withUnsafeMutableBufferPointer { buf -> Int32 in
            let l = buf.baseAddress!
            l.update(from: logits, count: count)
            // Penalties over the distinct tokens of the window (llama.cpp penalties sampler).
            if penalized {
                var seen = Set<Int32>()
                for t in history.suffix(p.penaltyWindow) where t >= 0 && Int(t) < count && seen.insert(t).inserted {
                    var v = l[Int(t)]
                    v = v <= 0 ? v * p.repetitionPenalty : v / p.repetitionPenalty
                    l[Int(t)] = v - p.presencePenalty
                }
            }
            for (t, bias) in p.logitBias where t >= 0 && Int(t) < count { l[Int(t)] += bias }
            return choose(l, count: count)
        }
    }

    private mutating func choose(_ l: UnsafePointer<Float>, count: Int) -> Int32 {
        parameters.temperature <= 0 ? Int32(Self.argmax(l, count: count)) : draw(l, count: count)
    }

    /// Index of the largest value, the first one on ties.
    static func argmax(_ l: UnsafePointer<Float>, count: Int) -> Int {
        guard count > 0 else { return 0 }
        let best = maximum(l, count: count)
        if fastScan {
            var index: Int32 = 0
            if ick_select_ge_f32_avx2(Int32(count), l, best, &index, 1) == 1 { return Int(index) }
        } else {
            for j in 0..<count where l[j] == best { return j }
        }
        // Only NaNs are left unmatched: fall back to the first-strictly-greater scan.
        var index = 0
        for j in 1..<count where l[j] > l[index] { index = j }
        return index
    }

    /// The largest value (NaNs aside).
    static func maximum(_ l: UnsafePointer<Float>, count: Int) -> Float {
        if fastScan { return ick_max_f32_avx2(Int32(count), l) }
        var lanes = SIMD8<Float>(repeating: -.infinity)
        var i = 0
        let raw = UnsafeRawPointer(l)
        while i + 8 <= count {
            lanes = pointwiseMax(lanes, raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
            i += 8
        }
        var best = lanes.max()
        while i < count { best = max(best, l[i]); i += 1 }
        return best
    }

    /// Writes the indices (ascending) of the logits >= `floor` to `into`; returns how many.
    private static func select(_ l: UnsafePointer<Float>, count: Int, atLeast floor: Float,
                               into idx: UnsafeMutablePointer<Int32>) -> Int {
        if fastScan { return Int(ick_select_ge_f32_avx2(Int32(count), l, floor, idx, Int32(count))) }
        var n = 0
        for j in 0..<count where l[j] >= floor {
            idx[n] = Int32(j)
            n += 1
        }
        return n
    }

    private mutating func draw(_ l: UnsafePointer<Float>, count: Int) -> Int32 {
        let p = parameters
        // Top-k by a bounded selection; with no k, keep every token whose
        // probability can matter (within 25 nats * T of the best; exp(-25) ~ 1e-11).
        let k = p.topK > 0 ? min(p.topK, count) : count
        // With a small k, the maxima of k chunks are k logits, so at least k
        // logits reach the smallest of them: nothing below it is among the k
        // best. With the 25-nat floor alone, collecting the logits above it
        // and the heap cost 2.4x more per token (k 40, real logits).
        var maxLogit: Float, kthBound = -Float.infinity
        if k * 64 <= count {
            if chunkMaxima.count != k { chunkMaxima = [Float](repeating: 0, count: k) }
            chunkMaxima.withUnsafeMutableBufferPointer { m in
                if Self.fastScan {
                    ick_chunk_max_f32_avx2(Int32(count), l, Int32(k), m.baseAddress!)
                } else {
                    for c in 0..<k {
                        let lo = count * c / k, hi = count * (c + 1) / k
                        m[c] = Self.maximum(l + lo, count: hi - lo)
                    }
                }
            }
            maxLogit = chunkMaxima.max()!
            kthBound = chunkMaxima.min()!
        } else {
            maxLogit = Self.maximum(l, count: count)
        }
        guard maxLogit.isFinite else { return 0 }
        let floor = max(maxLogit - 25 * max(p.temperature, 1), kthBound)
        candidates.removeAll(keepingCapacity: true)
        // Only the logits above the floor go on, in index order, so the
        // result is the same as scanning them all.
        var passing = selected
        selected = []
        defer { selected = passing }
        if passing.count < count { passing = [Int32](repeating: 0, count: count) }
        let n = passing.withUnsafeMutableBufferPointer { Self.select(l, count: count, atLeast: floor, into: $0.baseAddress!) }
        if k < n {
            // Min-heap of the k best (smallest at 0); ties keep the lower index.
            for i in 0..<n {
                let j = Int(passing[i]), v = l[j]
                if candidates.count < k {
                    candidates.append((Int32(j), v))
                    siftUp(candidates.count - 1)
                } else if v > candidates[0].logit {
                    candidates[0] = (Int32(j), v)
                    siftDown(0)
                }
            }
        } else {
            for i in 0..<n { candidates.append((passing[i], l[Int(passing[i])])) }
        }
        candidates.sort { $0.logit > $1.logit || ($0.logit == $1.logit && $0.id < $1.id) }

        // Softmax at temperature 1 for top-p / min-p (llama.cpp applies
        // temperature after these filters in its default chain).
        var probs = candidates.map { expf($0.logit - maxLogit) }
        var total = probs.reduce(0, +)
        var keep = candidates.count
        if p.topP < 1 {
            var cumulative: Float = 0
            for i in 0..<candidates.count {
                cumulative += probs[i] / total
                if cumulative >= p.topP { keep = i + 1; break }
            }
        }
        if p.minP > 0 {
            let threshold = p.minP * probs[0]
            var m = 1
            while m < keep && probs[m] >= threshold { m += 1 }
            keep = m
        }
        // Temperature, then the seeded draw.
        let first = candidates[0].logit
        total = 0
        for i in 0..<keep {
            probs[i] = expf((candidates[i].logit - first) / p.temperature)
            total += probs[i]
        }
        var r = Float(rng.nextUnit()) * total
        for i in 0..<keep {
            r -= probs[i]
            if r <= 0 { return candidates[i].id }
        }
        return candidates[keep - 1].id
    }

    private mutating func siftUp(_ index: Int) {
        var c = index
        while c > 0 {
            let parent = (c - 1) / 2
            if candidates[c].logit < candidates[parent].logit {
                candidates.swapAt(c, parent)
                c = parent
            } else { return }
        }
    }

    private mutating func siftDown(_ index: Int) {
        var p = index
        let n = candidates.count
        while true {
            let a = 2 * p + 1, b = a + 1
            var m = p
            if a < n && candidates[a].logit < candidates[m].logit { m = a }
            if b < n && candidates[b].logit < candidates[m].logit { m = b }
            if m == p { return }
            candidates.swapAt(p, m)
            p = m
        }
    }
}

/// xoshiro256** seeded through SplitMix64: fast, and the same on every platform.
struct SeededGenerator {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var x = seed
        func split() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (split(), split(), split(), split())
    }

    mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }

    /// Uniform in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
