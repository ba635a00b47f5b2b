import Foundation

/// Figures `intercut bench` reports; the JSON keys are the issue's.
public struct BenchmarkResult: Sendable, Codable, Equatable {
    /// Tokens per second evaluating a 512-token prompt from an empty cache.
    public var prefillTokensPerSecond: Double
    /// Tokens per second decoding one sequence (128 tokens, greedy).
    public var decodeTokensPerSecond: Double
    /// Total tokens per second decoding three candidates in one batch.
    public var decode3TokensPerSecond: Double
    /// Time to first token after a one-line edit at the end of a ~4,000-token
    /// prompt whose prefix is cached (prefix reuse), in milliseconds.
    public var ttftReuseMilliseconds: Double
    /// Peak resident set size of the process (getrusage), in MiB.
    public var peakRSSMegabytes: Double

    enum CodingKeys: String, CodingKey {
        case prefillTokensPerSecond = "prefill_tok_s"
        case decodeTokensPerSecond = "decode_tok_s"
        case decode3TokensPerSecond = "decode3_tok_s"
        case ttftReuseMilliseconds = "ttft_reuse_ms"
        case peakRSSMegabytes = "peak_rss_mb"
    }
}

extension InferenceEngine {
    /// Runs the standard measurements (needs a context of at least 4,096).
    /// Timings are best of `repeats` runs; `progress` gets a line per phase.
    public func benchmark(repeats: Int = 2, progress: (String) -> Void = { _ in }) throws -> BenchmarkResult {
        guard contextLength >= 4096 else {
            throw InferenceError.invalidParameter("bench needs a context of at least 4096 tokens")
        }
        let script = Self.benchmarkScript()
        let allTokens = tokenize(script)
        guard allTokens.count >= 4100 else { throw InferenceError.invalidParameter("benchmark text too short") }
        let s = session
        let vocab = s.vocabularySize
        func argmax(_ p: UnsafePointer<Float>) -> Int32 { Int32(Sampler.argmax(p, count: vocab)) }
        func seconds(_ body: () throws -> Void) rethrows -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        func decodeRate(branches: Int, steps: Int) throws -> Double {
            s.reset()
            try s.prefill(Array(allTokens.prefix(512)))
            let capacity = try s.branchCapacity(count: branches, maxTokens: steps + 1)
            var next = [Int32](repeating: argmax(s.logits(row: 0)), count: branches)
            let t = seconds {
                for k in 0..<steps {
                    s.decode((0..<branches).map { (branch: $0, length: k, token: next[$0]) }, branchCapacity: capacity)
                    for b in 0..<branches { next[b] = argmax(s.logits(row: b)) }
                }
            }
            return Double(branches * steps) / t
        }

        return try queueSync {
            progress("prefill: 512 tokens")
            var prefill = 0.0
            for _ in 0..<repeats {
                s.reset()
                let t = try seconds { try s.prefill(Array(allTokens.prefix(512))) }
                prefill = max(prefill, 512 / t)
            }
            progress("decode: 128 tokens, 1 sequence")
            var decode1 = 0.0
            for _ in 0..<repeats { decode1 = max(decode1, try decodeRate(branches: 1, steps: 128)) }
            progress("decode: 128 tokens x 3 candidates")
            var decode3 = 0.0
            for _ in 0..<repeats { decode3 = max(decode3, try decodeRate(branches: 3, steps: 128)) }

            progress("time to first token after an edit at the end of a 4000-token prompt")
            // The prompt ends with a line the "writer" then rewrites.
            let base = Array(allTokens.prefix(4000))
            let original = base + tokenize("\nVERA\nWe should go.\n").dropFirst()
            let edited = base + tokenize("\nVERA\nWe should leave. Now.\n").dropFirst()
            var ttft = Double.infinity
            for _ in 0..<repeats {
                s.reset()
                try s.prefill(original)
                let t = try seconds {
                    try s.prefill(edited)
                    _ = argmax(s.logits(row: 0))
                }
                ttft = min(ttft, t * 1000)
            }
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return BenchmarkResult(prefillTokensPerSecond: prefill, decodeTokensPerSecond: decode1,
                                   decode3TokensPerSecond: decode3, ttftReuseMilliseconds: ttft,
                                   peakRSSMegabytes: Double(usage.ru_maxrss) / 1024)
        }
    }

    /// A deterministic screenplay-like text of well over 4,000 tokens.
    static func benchmarkScript() -> String {
        let names = ["MARLOWE", "VERA", "JUNE", "DR. OKAFOR", "LENA", "MARCUS", "CAPTAIN ROSS"]
        let places = ["VAULT", "DINER", "HOSPITAL CORRIDOR", "ROOFTOP", "DESERT HIGHWAY", "SPACESHIP BRIDGE"]
        let lines = ["Quiet. I'm listening.", "You ever think about leaving?", "Who ordered the scan?",
                     "Two more turns and we're rich.", "Shields at ten percent!", "Every day. Every single day.",
                     "Don't look at me like that.", "The alarm light blinks red.", "We're out of time."]
        var text = "Title: The Long Night\nAuthor: Bench\n\nFADE IN:\n\n"
        var i = 0
        while text.utf8.count < 24_000 {
            let place = places[i % places.count]
            text += "\(i % 2 == 0 ? "INT." : "EXT.") \(place) - \(i % 3 == 0 ? "NIGHT" : "DAY")\n\n"
            text += "\(names[i % names.count].capitalized) crosses to the window, scene \(i), and waits.\n\n"
            for j in 0..<4 {
                text += "\(names[(i + j) % names.count])\n\(lines[(i * 3 + j) % lines.count])\n\n"
            }
            i += 1
        }
        return text
    }
}
