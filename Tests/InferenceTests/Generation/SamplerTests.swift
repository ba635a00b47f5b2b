import InferenceKernels
import Testing
@testable import Inference

@Suite struct SamplerTests {
    static func logits(_ values: [Float]) -> [Float] { values }

    func sample(_ p: SamplingParameters, _ l: [Float], history: [Int32] = [], stream: UInt64 = 0, draws: Int = 1) -> [Int32] {
        var s = Sampler(parameters: p, stream: stream)
        return (0..<draws).map { _ in l.withUnsafeBufferPointer { s.sample($0.baseAddress!, count: l.count, history: history[...]) } }
    }

    @Test func greedyPicksArgmax() {
        #expect(sample(.greedy, [0.1, 3, -2, 2.9]) == [1])
    }

    /// The lane-wise argmax against a plain first-strictly-greater loop, on
    /// lengths around the 8-lane width and with ties (first index wins).
    @Test func argmaxMatchesAPlainLoopWithTies() {
        var rng = SplitMix(seed: 17)
        for count in [1, 7, 8, 9, 15, 16, 17, 100, 262_145] {
            for _ in 0..<4 {
                // Few distinct values, so the maximum repeats.
                let l = (0..<count).map { _ in Float(Int(rng.float(-4, 4))) }
                var expected = 0
                for i in 1..<count where l[i] > l[expected] { expected = i }
                #expect(l.withUnsafeBufferPointer { Sampler.argmax($0.baseAddress!, count: count) } == expected, "count \(count)")
            }
        }
    }

    /// The AVX2 scans the sampler uses (maximum, indices above a floor)
    /// against plain loops, with NaNs, repeated values, tails shorter than a
    /// vector and a cap on the indices returned.
    @Test(.enabled(if: KernelPath.available.contains(.avx2)))
    func logitScansMatchPlainLoops() {
        var rng = SplitMix(seed: 29)
        for count in [1, 7, 15, 16, 17, 31, 33, 1000, 262_144] {
            var l = (0..<count).map { _ in Float(Int(rng.float(-6, 6))) }
            if count > 3 { l[count / 2] = .nan; l[count - 1] = .nan }
            let expectedMax = l.filter { !$0.isNaN }.max() ?? -.infinity
            #expect(l.withUnsafeBufferPointer { ick_max_f32_avx2(Int32(count), $0.baseAddress!) } == expectedMax)
            for floor: Float in [-7, 0, 2.5, 5, 9] {
                let expected = l.indices.filter { l[$0] >= floor }.map(Int32.init)
                for cap in [1, 3, count] {
                    var got = [Int32](repeating: -1, count: count)
                    let n = l.withUnsafeBufferPointer { x in
                        got.withUnsafeMutableBufferPointer { ick_select_ge_f32_avx2(Int32(count), x.baseAddress!, floor, $0.baseAddress!, Int32(cap)) }
                    }
                    #expect(Array(got.prefix(Int(n))) == Array(expected.prefix(cap)), "count \(count) floor \(floor) cap \(cap)")
                }
            }
        }
    }

    @Test func logitBiasAndPenaltiesChangeTheGreedyChoice() {
        var p = SamplingParameters.greedy
        p.logitBias = [1: -10]
        #expect(sample(p, [0.1, 3, -2, 2.9]) == [3])
        var r = SamplingParameters.greedy
        r.repetitionPenalty = 1.5   // 3 / 1.5 = 2 < 2.9
        #expect(sample(r, [0.1, 3, -2, 2.9], history: [1]) == [3])
        var pr = SamplingParameters.greedy
        pr.presencePenalty = 0.2
        #expect(sample(pr, [0.1, 3, -2, 2.9], history: [1, 1, 1]) == [3])
        // Outside the window, no penalty.
        pr.penaltyWindow = 1
        #expect(sample(pr, [0.1, 3, -2, 2.9], history: [1, 0]) == [1])
    }

    @Test func sameSeedSameDraws() {
        var rng = SplitMix(seed: 3)
        let l = (0..<1000).map { _ in rng.float(-2, 2) }
        let p = SamplingParameters(temperature: 1.0, topK: 0, topP: 1, minP: 0, seed: 99)
        let a = sample(p, l, draws: 50), b = sample(p, l, draws: 50)
        #expect(a == b)
        let other = sample(SamplingParameters(temperature: 1.0, topK: 0, topP: 1, minP: 0, seed: 100), l, draws: 50)
        #expect(a != other)
        let otherStream = sample(p, l, stream: 1, draws: 50)
        #expect(a != otherStream)
    }

    @Test func topKTopPAndMinPRestrictTheDraw() {
        // Probabilities roughly 0.64, 0.24, 0.09, 0.03 ...
        let l: [Float] = [3, 2, 1, 0, -1, -2]
        let k2 = Set(sample(SamplingParameters(temperature: 1, topK: 2, topP: 1, minP: 0, seed: 1), l, draws: 400))
        #expect(k2 == [0, 1])
        let p = Set(sample(SamplingParameters(temperature: 1, topK: 0, topP: 0.8, minP: 0, seed: 1), l, draws: 400))
        #expect(p == [0, 1])   // 0.64 < 0.8 <= 0.88
        let m = Set(sample(SamplingParameters(temperature: 1, topK: 0, topP: 1, minP: 0.2, seed: 1), l, draws: 400))
        #expect(m == [0, 1])   // 0.09 / 0.64 < 0.2
        let all = Set(sample(SamplingParameters(temperature: 1, topK: 0, topP: 1, minP: 0, seed: 1), l, draws: 2000))
        #expect(all.count >= 5)
    }

    /// Top-k over a large vocabulary (only the logits above the floor enter
    /// the heap): at a high temperature every one of the k best
    /// ids is drawn, and nothing else.
    @Test func topKOnALargeVocabularyDrawsExactlyTheKBest() {
        var rng = SplitMix(seed: 23)
        let l = (0..<5003).map { _ in rng.float(-3, 3) }
        let best = Set(l.indices.sorted { l[$0] > l[$1] }.prefix(5).map(Int32.init))
        let drawn = Set(sample(SamplingParameters(temperature: 50, topK: 5, topP: 1, minP: 0, seed: 4), l, draws: 600))
        #expect(drawn == best)
    }

    @Test func lowTemperatureConcentratesHighTemperatureSpreads() {
        let l: [Float] = [1, 0.5, 0, -0.5]
        let cold = sample(SamplingParameters(temperature: 0.05, topK: 0, topP: 1, minP: 0, seed: 5), l, draws: 200)
        #expect(cold.allSatisfy { $0 == 0 })
        let hot = sample(SamplingParameters(temperature: 5, topK: 0, topP: 1, minP: 0, seed: 5), l, draws: 400)
        #expect(Set(hot).count == 4)
    }

    @Test func invalidParametersAreRejected() {
        #expect(throws: InferenceError.self) { try SamplingParameters(temperature: -1).validate() }
        #expect(throws: InferenceError.self) { try SamplingParameters(topP: 0).validate() }
        #expect(throws: InferenceError.self) { try SamplingParameters(minP: 1).validate() }
    }
}

@Suite struct StopMatcherTests {
    func run(_ stops: [String], _ pieces: [String]) -> (String, Bool) {
        var m = StopMatcher(stops: stops)
        var out = ""
        for p in pieces { out += m.feed(p) }
        out += m.finish()
        return (out, m.stopped)
    }

    @Test func stopStringAcrossTokenBoundaries() {
        let (text, stopped) = run(["\n\nINT."], ["She runs.", "\n", "\nI", "NT. ROOF", "TOP"])
        #expect(text == "She runs.")
        #expect(stopped)
    }

    @Test func heldPrefixIsReleasedWhenItDoesNotComplete() {
        var m = StopMatcher(stops: ["END"])
        #expect(m.feed("the EN") == "the ")
        #expect(m.feed("D") == "")
        #expect(m.stopped)
        var n = StopMatcher(stops: ["END"])
        #expect(n.feed("the EN") == "the ")
        // The final "E" could still start "END": held until more text or the end.
        #expect(n.feed("TRANCE") == "ENTRANC")
        #expect(!n.stopped)
        #expect(n.finish() == "E")
        #expect(run(["END"], ["a", "E"]) == ("aE", false))
    }

    @Test func earliestOfSeveralStopsWins() {
        #expect(run(["B", "AB"], ["xxABy"]).0 == "xx")
        #expect(run([], ["anything"]) == ("anything", false))
    }
}
