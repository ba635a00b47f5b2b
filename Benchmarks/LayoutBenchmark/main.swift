// Layout and export benchmark for the Fountain module.
//
//   scripts/make-feature-script examples/generated/feature.fountain
//   swift run -c release LayoutBenchmark examples/generated/feature.fountain
//
// Reports the median of repeated runs for: parse, pagination (the page map:
// where every line lands, which page counts read), the full layout with text
// (what txt and PDF export read), stats, and each exporter. Timing lives here,
// not in unit tests.
import Foundation
import Fountain

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s[s.count / 2]
}

/// Median milliseconds of `body`; its result is freed after the clock stops
/// (an editor keeps what it parsed), as FountainBenchmark times parsing.
func time(_ runs: Int, _ body: () -> Any) -> Double {
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        let end = DispatchTime.now().uptimeNanoseconds
        withExtendedLifetime(result) {}
        samples.append(Double(end - start) / 1e6)
    }
    return median(samples)
}

let arguments = CommandLine.arguments.dropFirst()
guard let path = arguments.first, let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("usage: LayoutBenchmark FILE.fountain (make one with scripts/make-feature-script)\n".utf8))
    exit(2)
}
let runs = arguments.dropFirst().first.flatMap(Int.init) ?? 30
let bytes = Array(data)
let document = try FountainDocument(bytes: bytes)
let layout = document.layout()
let kb = Double(bytes.count) / 1024

print(String(format: "input: %@ (%.0f KB, %d lines, %d elements) -> %d pages (Letter), %d (A4)",
             path, kb, document.source.lineCount, document.elements.count, layout.pageCount,
             document.layout(paper: .a4).pageCount))
print("median of \(runs) runs:")
let rows: [(String, () -> Any)] = [
    ("parse", { try! FountainDocument(bytes: bytes) }),
    ("paginate (Letter page map)", { document.pageMap() }),
    ("parse + paginate", { () -> Any in
        let parsed = try! FountainDocument(bytes: bytes)
        return (parsed, parsed.pageMap())
    }),
    ("layout (pages with text)", { document.layout() }),
    ("stats", { ScriptStatistics(document) }),
    ("export txt (layout + render)", { PlainTextExporter.render(document.layout()) }),
    ("export fdx", { FDXExporter.render(document) }),
    ("export html", { HTMLExporter.render(document) }),
]
// LAYOUT_BENCH_ONLY=paginate limits the run to matching rows (for profiling).
let only = ProcessInfo.processInfo.environment["LAYOUT_BENCH_ONLY"]
for (name, body) in rows where only.map({ name.hasPrefix($0) }) ?? true {
    let ms = time(runs, body)
    print(String(format: "  %-30@ %8.2f ms  %7.1f MB/s", name as NSString, ms, Double(bytes.count) / 1e6 / (ms / 1000)))
}
