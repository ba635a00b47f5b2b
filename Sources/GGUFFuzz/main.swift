// GGUFFuzz: mutation fuzzer for the GGUF reader.
//
//   GGUFFuzz [-n COUNT] [-s SEED] [--replay I --out FILE] SEED.gguf...
//
// Every input is derived from (SEED, iteration) alone, so a crash at
// iteration I is reproduced with `--replay I --out crash.gguf`. A crash kills
// the process (that is the failure signal); rejected inputs are counted by
// error kind. Seeds: scripts/make-tiny-gguf outputs (Tests/InferenceTests/Fixtures).
import Foundation
import Inference

struct Options {
    var count = 100_000
    var seed: UInt64 = 1
    var replay: Int?
    var out: String?
    var files: [String] = []
}

func parseOptions() -> Options {
    var o = Options()
    var args = CommandLine.arguments.dropFirst()
    func value(_ flag: String) -> String {
        guard let v = args.popFirst() else { fail("\(flag) needs a value") }
        return v
    }
    while let a = args.popFirst() {
        switch a {
        case "-n": o.count = Int(value(a)) ?? { fail("-n needs a number") }()
        case "-s": o.seed = UInt64(value(a)) ?? { fail("-s needs a number") }()
        case "--replay": o.replay = Int(value(a)) ?? { fail("--replay needs a number") }()
        case "--out": o.out = value(a)
        case "-h", "--help":
            print("usage: GGUFFuzz [-n COUNT] [-s SEED] [--replay I --out FILE] SEED.gguf...")
            exit(0)
        default: o.files.append(a)
        }
    }
    if o.files.isEmpty { fail("give at least one valid GGUF file as a seed") }
    return o
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("GGUFFuzz: \(message)\n".utf8))
    exit(2)
}

/// The input for one iteration: a seed file mutated 1 to 4 times.
func input(iteration: Int, options: Options, seeds: [[UInt8]]) -> (bytes: [UInt8], kinds: [Mutator.Kind]) {
    var rng = SplitMix64(seed: options.seed &* 0x100_0000_01B3 &+ UInt64(iteration))
    let base = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
    let donor = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
    var mutator = Mutator(rng: rng)
    var bytes = base
    let kinds = mutator.mutate(&bytes, donor: donor)
    return (bytes, kinds)
}

nonisolated(unsafe) var sink: UInt8 = 0

/// Parses and, if accepted, touches everything a model loader would.
func exercise(_ bytes: [UInt8]) -> String {
    do {
        let file = try GGUFFile(bytes: bytes)
        var checksum: UInt8 = 0
        for t in file.tensors {
            let data = file.bytes(of: t)
            precondition(data.count == t.byteCount)
            if let first = data.first, let last = data.last { checksum ^= first ^ last }
        }
        for key in file.metadataKeys {
            let v = file[key]!
            _ = v.int; _ = v.string; _ = v.array?.count; _ = v.array?.ints?.count
        }
        sink ^= checksum   // keeps the reads from being optimized away
        return "accepted"
    } catch let e as GGUFError {
        return "rejected: " + caseName(e)
    } catch {
        return "other error: \(error)"
    }
}

/// The enum case name ("truncated", "badMagic", ...), to group outcomes.
func caseName(_ e: GGUFError) -> String {
    Mirror(reflecting: e).children.first?.label ?? "\(e)"
}

let options = parseOptions()
let seeds: [[UInt8]] = options.files.map {
    guard let d = FileManager.default.contents(atPath: $0) else { fail("cannot read \($0)") }
    do { _ = try GGUFFile(bytes: [UInt8](d)) } catch { fail("seed \($0) is not a valid GGUF: \(error)") }
    return [UInt8](d)
}

if let i = options.replay {
    let (bytes, kinds) = input(iteration: i, options: options, seeds: seeds)
    if let out = options.out, !FileManager.default.createFile(atPath: out, contents: Data(bytes)) { fail("cannot write \(out)") }
    print("iteration \(i): \(kinds.map(\.rawValue).joined(separator: ",")) -> \(exercise(bytes))")
    exit(0)
}

var outcomes = [String: Int]()
var mutationCounts = [Mutator.Kind: Int]()
let start = Date()
for i in 0..<options.count {
    let (bytes, kinds) = input(iteration: i, options: options, seeds: seeds)
    for k in kinds { mutationCounts[k, default: 0] += 1 }
    outcomes[exercise(bytes), default: 0] += 1
}
let seconds = Date().timeIntervalSince(start)
print("inputs: \(options.count) in \(String(format: "%.1f", seconds)) s (\(Int(Double(options.count) / max(seconds, 1e-9))) /s), seed \(options.seed), crashes: 0")
for (k, v) in outcomes.sorted(by: { $0.value > $1.value }) { print("  \(v)\t\(k)") }
print("mutations: " + mutationCounts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
