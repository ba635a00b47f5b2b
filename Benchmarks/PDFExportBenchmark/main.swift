// PDF export benchmark: the time `intercut export FILE --to pdf` spends in
// the Fountain module, stage by stage (parse, layout, PDF), on a
// feature-length script. Target: the whole export in ≤ 100 ms.
//
//   scripts/make-feature-script /tmp/feature.fountain
//   swift run -c release PDFExportBenchmark /tmp/feature.fountain [--paper a4] [--runs 20]
//
// Reports the median and best of each stage over the runs (after one
// warm-up run), the page count and the PDF's size.
import Foundation
import Fountain

struct Options {
    var path = ""
    var paper = PaperSize.letter
    var runs = 20

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--paper": paper = rest.popFirst().flatMap(PaperSize.init(rawValue:)) ?? .letter
            case "--runs": runs = max(1, rest.popFirst().flatMap { Int($0) } ?? 20)
            default: path = argument
            }
        }
    }
}

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

func summary(_ name: String, _ samples: [Duration]) -> String {
    let ms = samples.map(milliseconds).sorted()
    let median = String(format: "%.2f", ms[ms.count / 2]), best = String(format: "%.2f", ms[0])
    return "\(name.padding(toLength: 7, withPad: " ", startingAt: 0)) median \(median) ms, best \(best) ms"
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
guard !options.path.isEmpty, let data = FileManager.default.contents(atPath: options.path) else {
    FileHandle.standardError.write(Data("usage: PDFExportBenchmark FILE.fountain [--paper letter|a4] [--runs N]\n".utf8))
    exit(2)
}
let bytes = Array(data)
let clock = ContinuousClock()
var parse: [Duration] = [], layout: [Duration] = [], pdf: [Duration] = [], total: [Duration] = []
var pages = 0, size = 0
for run in 0...options.runs {
    let t0 = clock.now
    let document = try FountainDocument(bytes: bytes)
    let t1 = clock.now
    let laidOut = document.layout(paper: options.paper)
    let t2 = clock.now
    let output = ScreenplayPDFRenderer(sceneNumbers: true).render(laidOut)
    let t3 = clock.now
    guard run > 0 else { continue }   // warm-up
    parse.append(t1 - t0); layout.append(t2 - t1); pdf.append(t3 - t2); total.append(t3 - t0)
    pages = laidOut.allPages.count
    size = output.data.count
}
print("\(options.path): \(bytes.count) bytes -> \(pages) pages (\(options.paper.rawValue)), PDF \(size) bytes; \(options.runs) runs")
print(summary("parse", parse))
print(summary("layout", layout))
print(summary("pdf", pdf))
print(summary("total", total))
let median = total.map(milliseconds).sorted()[total.count / 2]
print(median <= 100 ? "OK: within the 100 ms target" : "OVER the 100 ms target")
