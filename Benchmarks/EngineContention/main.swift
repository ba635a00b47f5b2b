// EngineContention: does generation leave room for another busy thread?
//
//   EngineContention MODEL.gguf [SECONDS]
//
// On a 2-core machine the editor's UI thread and the engine share the cores
// (issue 5). This runs a CPU-bound loop on its own thread (a stand-in for a
// busy UI or another process) beside greedy generation on the engine's
// 2-thread pool and prints one JSON line:
// - busy_alone_per_s / decode_alone_tok_s: each on its own,
// - busy_with_decode_per_s / decode_with_busy_tok_s: both at once,
// - busy2_idle_engine_per_s: two busy loops while a loaded engine sits idle
//   (its workers must sleep, not spin, so this should be 2x busy_alone),
// - busy_share_during_decode: busy_with_decode / busy_alone.
import Foundation
import Inference
import Synchronization

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: EngineContention MODEL.gguf [SECONDS]\n".utf8))
    exit(2)
}
let window = args.count > 2 ? Double(args[2]) ?? 3 : 3

/// A CPU-bound loop on its own thread; `count` is how many work units it did.
final class BusyLoop: Sendable {
    let count = Atomic<Int>(0)
    let stop = Atomic<Bool>(false)

    func start() {
        let thread = Thread { [self] in
            var x: UInt64 = 88_172_645_463_325_252
            while !stop.load(ordering: .relaxed) {
                for _ in 0..<10_000 { x ^= x << 13; x ^= x >> 7; x ^= x << 17 }
                if x == 0 { print("") }  // keeps the loop from being optimized away
                count.add(1, ordering: .relaxed)
            }
        }
        thread.start()
    }
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// Work units per second of `loops` busy threads over `seconds` (all loops summed).
func busyRate(threads: Int, seconds: Double) -> Double {
    let loops = (0..<threads).map { _ in BusyLoop() }
    loops.forEach { $0.start() }
    Thread.sleep(forTimeInterval: 0.2)
    let c0 = loops.reduce(0) { $0 + $1.count.load(ordering: .relaxed) }, t0 = now()
    Thread.sleep(forTimeInterval: seconds)
    let c1 = loops.reduce(0) { $0 + $1.count.load(ordering: .relaxed) }, t1 = now()
    loops.forEach { $0.stop.store(true, ordering: .relaxed) }
    return Double(c1 - c0) / (t1 - t0)
}

/// Greedy tokens per second over about `seconds` of generation (several requests).
func decodeRate(_ engine: InferenceEngine, seconds: Double) async throws -> Double {
    let prompt = "INT. DINER - NIGHT\n\nVERA slides into the booth across from MARLOWE.\n\nVERA\n"
    var tokens = 0
    let start = now()
    while now() - start < seconds {
        let request = GenerationRequest(prompt: prompt, maxTokens: 128, sampling: .greedy)
        for try await event in engine.generate(request) {
            if case .delta = event { tokens += 1 }
        }
    }
    return Double(tokens) / (now() - start)
}

do {
    let engine = try InferenceEngine(modelPath: args[1], contextLength: 4096, threads: 2)
    _ = try await decodeRate(engine, seconds: 0.5)  // warm-up: page in the weights
    let busyAlone = busyRate(threads: 1, seconds: window)
    let decodeAlone = try await decodeRate(engine, seconds: window)
    let shared = BusyLoop()
    shared.start()
    try await Task.sleep(nanoseconds: 200_000_000)
    let c0 = shared.count.load(ordering: .relaxed), t0 = now()
    let decodeWithBusy = try await decodeRate(engine, seconds: window)
    let c1 = shared.count.load(ordering: .relaxed), t1 = now()
    shared.stop.store(true, ordering: .relaxed)
    let busyWithDecode = Double(c1 - c0) / (t1 - t0)
    try await Task.sleep(nanoseconds: 200_000_000)
    let busy2Idle = busyRate(threads: 2, seconds: window)
    let fields: [(String, Double)] = [
        ("busy_alone_per_s", busyAlone), ("decode_alone_tok_s", decodeAlone),
        ("busy_with_decode_per_s", busyWithDecode), ("decode_with_busy_tok_s", decodeWithBusy),
        ("busy2_idle_engine_per_s", busy2Idle), ("busy_share_during_decode", busyWithDecode / busyAlone),
    ]
    print("{" + fields.map { "\"\($0.0)\":" + String(format: "%.3f", $0.1) }.joined(separator: ",") + "}")
} catch {
    FileHandle.standardError.write(Data("EngineContention: \(error)\n".utf8))
    exit(1)
}
