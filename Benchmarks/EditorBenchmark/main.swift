// Keystroke-to-finished-frame and start-to-first-frame timings of
// EditorCore on a feature-length script, in-process (core + re-parse +
// layout + render into a cell grid; no terminal).
//
// Usage: swift run -c release EditorBenchmark [FILE.fountain]
// Without FILE: examples/generated/feature.fountain if present, else a
// generated 200-page script.
import EditorCore
import Fountain
import Foundation
import Provenance

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// CPU time of this thread: the work itself, without time spent preempted
/// (the machine is shared, so wall-clock p99 mostly measures other processes).
func cpuNow() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

var cpuTimes: [String: [Double]] = [:]

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
}

func report(_ name: String, _ micros: [Double], cpu: [Double]? = nil) {
    var line = String(format: "%-38@ n=%4d  median %7.1f µs  p99 %7.1f µs  max %7.1f µs",
                      name as NSString, micros.count, percentile(micros, 0.5), percentile(micros, 0.99), micros.max() ?? 0)
    if let cpu, !cpu.isEmpty {
        line += String(format: "  | cpu median %6.1f µs  p99 %7.1f µs", percentile(cpu, 0.5), percentile(cpu, 0.99))
    }
    print(line)
}

var lastCPU: [Double] = []

/// A deterministic screenplay of about `scenes` scenes (~2.3 scenes a page).
func generatedScript(scenes: Int) -> String {
    var out = "Title: Benchmark Feature\nCredit: written by\nAuthor: EditorBenchmark\n\n"
    let cast = ["MARLOWE", "VERA", "DUNCAN", "IRIS", "TOMAS", "MAGGIE"]
    let places = ["VAULT", "ROOFTOP", "HARBOUR OFFICE", "FERRY DECK", "PUB", "LIGHTHOUSE", "VAN"]
    var seed: UInt64 = 42
    func next(_ n: Int) -> Int {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return Int((seed >> 33) % UInt64(n))
    }
    let words = "the torch light dial alarm door slowly she he turns looks waits listens breathes cold wind salt water glass".split(separator: " ")
    func sentence(_ count: Int) -> String {
        var s = (0..<count).map { _ in String(words[next(words.count)]) }.joined(separator: " ")
        s = s.prefix(1).uppercased() + s.dropFirst() + "."
        return s
    }
    for scene in 1...scenes {
        out += "\(next(2) == 0 ? "INT." : "EXT.") \(places[next(places.count)]) - \(next(2) == 0 ? "DAY" : "NIGHT")\n\n"
        out += (0..<(2 + next(3))).map { _ in sentence(8 + next(10)) }.joined(separator: " ") + "\n\n"
        for _ in 0..<(3 + next(4)) {
            out += cast[next(cast.count)] + "\n"
            if next(4) == 0 { out += "(quietly)\n" }
            out += (0..<(1 + next(3))).map { _ in sentence(5 + next(8)) }.joined(separator: " ") + "\n\n"
        }
        out += sentence(6 + next(12)) + " *Beat.*\n\n"
        if scene % 7 == 0 { out += "CUT TO:\n\n" }
    }
    return out
}

let arguments = CommandLine.arguments.dropFirst()
let path: String
let bytes: Data
if let file = arguments.first {
    path = file
    bytes = try Data(contentsOf: URL(fileURLWithPath: file))
} else if FileManager.default.fileExists(atPath: "examples/generated/feature.fountain") {
    path = "examples/generated/feature.fountain"
    bytes = try Data(contentsOf: URL(fileURLWithPath: path))
} else {
    path = "generated (310 scenes)"
    bytes = Data(generatedScript(scenes: 310).utf8)
}

let width = 120
let height = 40

// MARK: Start to first frame

var startTimes: [Double] = []
var editor: Editor!
for _ in 0..<15 {
    let t0 = now()
    let document = try Document(path: "/tmp/bench.fountain", bytes: bytes)
    let candidate = Editor(document: document)
    _ = candidate.handle(.resize(width: width, height: height))
    _ = candidate.render(width: width, height: height)
    startTimes.append(Double(now() - t0) / 1000)
    editor = candidate
}

let lines = editor.text.split(separator: "\n", omittingEmptySubsequences: false)
print("script: \(path), \(bytes.count) bytes, \(lines.count) lines, \(editor.statusPageCount) pages (status-bar pagination)")
report("start to first frame", startTimes)

// MARK: Keystrokes

var renderTimes: [Double] = []

@MainActor func type(_ text: String, into editor: Editor) -> [Double] {
    var times: [Double] = []
    lastCPU = []
    for character in text {
        let c0 = cpuNow()
        let t0 = now()
        _ = editor.handle(.key(.text(String(character))))
        let t1 = now()
        _ = editor.render(width: width, height: height)
        let t2 = now()
        times.append(Double(t2 - t0) / 1000)
        lastCPU.append(Double(cpuNow() - c0) / 1000)
        renderTimes.append(Double(t2 - t1) / 1000)
    }
    return times
}

@MainActor func key(_ key: Key, _ modifiers: KeyModifiers = [], count: Int, into editor: Editor) -> [Double] {
    var times: [Double] = []
    lastCPU = []
    for _ in 0..<count {
        let c0 = cpuNow()
        let t0 = now()
        _ = editor.handle(.key(key, modifiers))
        _ = editor.render(width: width, height: height)
        times.append(Double(now() - t0) / 1000)
        lastCPU.append(Double(cpuNow() - c0) / 1000)
    }
    return times
}

let sentence = "Marlowe turns the dial one more notch and listens. "
let typing = String(repeating: sentence, count: 12)

// The end of a scene in the middle: the action line before a heading.
let middleScene = lines.indices.filter { lines[$0].hasPrefix("INT.") || lines[$0].hasPrefix("EXT.") }.dropFirst(lines.count / 1 > 0 ? 200 : 0).first ?? lines.count / 2
editor.moveCursorForBenchmark(line: max(0, middleScene - 2), atEnd: true)
do { let wall = type(typing, into: editor); report("typing at the end of a scene", wall, cpu: lastCPU) }
if ProcessInfo.processInfo.environment["EDITOR_BENCH_PROFILE_END"] != nil {
    // Profiling aid: keep typing at the end of the scene for a while.
    for _ in 0..<20 { _ = type(typing, into: editor) }
    exit(0)
}

// The middle of a dialogue line in the middle of the script.
let dialogueLine = (lines.count / 2..<lines.count).first { $0 > 0 && lines[$0 - 1].allSatisfy { $0.isUppercase || $0 == " " } && !lines[$0 - 1].isEmpty && lines[$0].count > 20 } ?? lines.count / 2
editor.moveCursorForBenchmark(line: dialogueLine, atEnd: false)
do { let wall = type(typing, into: editor); report("typing in the middle of dialogue", wall, cpu: lastCPU) }
report("  of which render (layout + grid)", renderTimes)
do { let wall = key(.backspace, count: 300, into: editor); report("backspace in the middle of dialogue", wall, cpu: lastCPU) }
do { let wall = key(.down, count: 600, into: editor); report("cursor down (scrolling)", wall, cpu: lastCPU) }
do { let wall = key(.pageDown, count: 100, into: editor); report("page down", wall, cpu: lastCPU) }
do { let wall = key(.enter, count: 100, into: editor); report("Enter with element flow", wall, cpu: lastCPU) }
do { let wall = key(.ctrl("u"), count: 100, into: editor); report("undo", wall, cpu: lastCPU) }

// MARK: The Fountain module's re-parse alone (the part EditorCore calls per edit)

var model = FountainDocument(parsing: editor.text)
var reparse: [Double] = []
var line = model.source.line(dialogueLine)
for character in sentence {
    line.append(character)
    let t0 = now()
    model.replaceLines(dialogueLine..<(dialogueLine + 1), with: [line])
    reparse.append(Double(now() - t0) / 1000)
}
report("Fountain replaceLines (one line)", reparse)

// MARK: Buffer representations (why lines of String: DECISIONS.md, "Editor buffer")

do {
    let text = editor.text
    var lineArray = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var whole = text
    var utf8 = Array(text.utf8)
    let middleLine = lineArray.count / 2
    let middleOffset = whole.utf8.count / 2
    var arrayTimes: [Double] = []
    var wholeTimes: [Double] = []
    var bytesTimes: [Double] = []
    var splitTimes: [Double] = []
    for i in 0..<200 {
        var t0 = now()
        lineArray[middleLine].append("x")
        arrayTimes.append(Double(now() - t0) / 1000)
        t0 = now()
        let index = whole.utf8.index(whole.startIndex, offsetBy: middleOffset + i)
        whole.insert("x", at: index)
        wholeTimes.append(Double(now() - t0) / 1000)
        t0 = now()
        utf8.insert(0x78, at: middleOffset + i)
        bytesTimes.append(Double(now() - t0) / 1000)
        t0 = now()
        lineArray.insert("", at: middleLine + 1)
        lineArray.remove(at: middleLine + 1)
        splitTimes.append(Double(now() - t0) / 1000)
    }
    report("buffer: insert char, [String] lines", arrayTimes)
    report("buffer: insert/remove a line, [String]", splitTimes)
    report("buffer: insert char, one String", wholeTimes)
    report("buffer: insert char, one [UInt8]", bytesTimes)
}

// MARK: A frame with nothing changed (the floor of every keystroke)

var idle: [Double] = []
for _ in 0..<500 {
    let t0 = now()
    _ = editor.render(width: width, height: height)
    idle.append(Double(now() - t0) / 1000)
}
report("render only, nothing changed", idle)

// MARK: The exports paginator (the PDF page model) on the same script

do {
    let model = FountainDocument(parsing: editor.text)
    var layoutTimes: [Double] = []
    var pages = 0
    for _ in 0..<10 {
        let t0 = now()
        pages = model.layout(paper: .letter).pageCount
        layoutTimes.append(Double(now() - t0) / 1000)
    }
    print("exports paginator: \(pages) pages; status bar: \(editor.statusPageCount) pages")
    report("exports paginator, whole script", layoutTimes)
}

// MARK: Provenance: every other line AI, origin colours on (compare with the rows above)

do {
    let document = try Document(path: "/tmp/bench.fountain", bytes: bytes)
    let marked = Editor(document: document)
    _ = marked.handle(.resize(width: width, height: height))
    let lines = marked.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let spans = lines.enumerated().map { index, line in index % 2 == 0 ? OriginSpans(.ai, over: line) : OriginSpans() }
    _ = marked.adoptOrigins(ScriptOrigins(lines: spans))
    _ = marked.handle(.key(.function(12)))
    _ = marked.render(width: width, height: height)
    // An AI dialogue line: every keystroke cuts into an AI run (the writer rule's slow path).
    func isAIDialogue(_ index: Int) -> Bool {
        guard index % 2 == 0, index > 0, lines[index].count > 20 else { return false }
        let cue = lines[index - 1]
        return !cue.isEmpty && cue.allSatisfy { $0.isUppercase || $0 == " " }
    }
    let aiDialogue = (lines.count / 2..<lines.count).first(where: isAIDialogue) ?? lines.count / 2
    marked.moveCursorForBenchmark(line: aiDialogue, atEnd: false)
    do { let wall = type(typing, into: marked); report("AI script: typing inside AI dialogue", wall, cpu: lastCPU) }
    do { let wall = key(.backspace, count: 300, into: marked); report("AI script: backspace inside AI text", wall, cpu: lastCPU) }
    do { let wall = key(.down, count: 600, into: marked); report("AI script: cursor down, colours on", wall, cpu: lastCPU) }
    do { let wall = key(.pageDown, count: 100, into: marked); report("AI script: page down, colours on", wall, cpu: lastCPU) }
    do { let wall = key(.enter, count: 100, into: marked); report("AI script: Enter with element flow", wall, cpu: lastCPU) }
    do { let wall = key(.ctrl("u"), count: 100, into: marked); report("AI script: undo", wall, cpu: lastCPU) }
    var frames: [Double] = []
    for _ in 0..<500 {
        let t0 = now()
        _ = marked.render(width: width, height: height)
        frames.append(Double(now() - t0) / 1000)
    }
    report("AI script: render only, colours on", frames)

    // The sidecar: written on every save, read and maybe re-anchored on open.
    let origins = ScriptOrigins(lines: spans)
    var encode: [Double] = [], decode: [Double] = [], restore: [Double] = [], reanchor: [Double] = []
    var size = 0
    var edited = lines
    edited.insert("A new line written in another editor.", at: lines.count / 3)
    edited[lines.count / 2] += " Changed."
    for _ in 0..<10 {
        var t0 = now()
        let data = ProvenanceSidecar(lines: lines, origins: origins).encoded()
        encode.append(Double(now() - t0) / 1000)
        size = data.count
        t0 = now()
        let sidecar = try ProvenanceSidecar(data: data)
        decode.append(Double(now() - t0) / 1000)
        t0 = now()
        _ = sidecar.origins(for: lines)
        restore.append(Double(now() - t0) / 1000)
        t0 = now()
        _ = sidecar.origins(for: edited)
        reanchor.append(Double(now() - t0) / 1000)
    }
    print("sidecar: \(size) bytes for \(lines.count) lines, half of them AI")
    report("sidecar: encode (on save)", encode)
    report("sidecar: read and check (on open)", decode)
    report("sidecar: restore onto the same text", restore)
    report("sidecar: re-anchor after outside edits", reanchor)
}
