// Layout and export benchmark for the Fountain module.
//
//   scripts/make-feature-script examples/generated/feature.fountain
//   swift run -c release LayoutBenchmark examples/generated/feature.fountain
//
// Reports the median of repeated runs for: parse, pagination (the page model
// that stats, txt and PDF share), stats, and each exporter. Timing lives here,
// not in unit tests.
import Foundation
import Fountain

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s[s.count / 2]
}

func time(_ runs: Int, _ body: () -> Void) -> Double {
    var samples: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
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
var sink = 0
let rows: [(String, () -> Void)] = [
    ("parse", { sink &+= (try! FountainDocument(bytes: bytes)).elements.count }),
    ("paginate (Letter)", { sink &+= document.layout().pageCount }),
    ("parse + paginate", { sink &+= (try! FountainDocument(bytes: bytes)).layout().pageCount }),
    ("stats", { sink &+= ScriptStatistics(document).words }),
    ("export txt (layout + render)", { sink &+= PlainTextExporter.render(document.layout()).utf8.count }),
    ("export fdx", { sink &+= FDXExporter.render(document).utf8.count }),
    ("export html", { sink &+= HTMLExporter.render(document).utf8.count }),
]
// LAYOUT_BENCH_ONLY=paginate limits the run to matching rows (for profiling).
let only = ProcessInfo.processInfo.environment["LAYOUT_BENCH_ONLY"]
for (name, body) in rows where only.map({ name.hasPrefix($0) }) ?? true {
    let ms = time(runs, body)
    print(String(format: "  %-30@ %8.2f ms  %7.1f MB/s", name as NSString, ms, Double(bytes.count) / 1e6 / (ms / 1000)))
}
if sink == 42 { print("") }
