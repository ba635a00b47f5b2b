import Foundation
import Provenance

/// The three renderings of a `ProvenanceReport`: JSON, Markdown, text.
enum ProvenanceTable {
    static func json(_ report: ProvenanceReport, sidecar: String?) -> String {
        func counts(_ c: OriginCounts) -> [String: Any] {
            ["lines": c.lines, "words": c.words, "ai_lines": c.aiLines, "ai_words": c.aiWords,
             "ai_edited_lines": c.aiEditedLines, "ai_edited_words": c.aiEditedWords,
             "human_lines": c.humanLines, "human_words": c.humanWords]
        }
        let object: [String: Any] = [
            "total": counts(report.total),
            "scenes": report.scenes.map { scene in
                counts(scene.counts).merging(["heading": scene.heading, "line": scene.line]) { $1 }
            },
            "sidecar": sidecar ?? NSNull(),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func markdown(_ report: ProvenanceReport, name: String) -> String {
        var out = "# Provenance: \(name)\n\n"
        out += "AI share: \(percent(report.total.machineLineShare)) of lines, \(percent(report.total.machineWordShare)) of words "
        out += "(AI-edited included).\n\n"
        out += "| Scene | Line | Lines | AI | AI-edited | Human | Words | AI | AI-edited | Human |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        func row(_ label: String, _ line: String, _ c: OriginCounts) -> String {
            "| \(label) | \(line) | \(c.lines) | \(c.aiLines) | \(c.aiEditedLines) | \(c.humanLines) | \(c.words) | \(c.aiWords) | \(c.aiEditedWords) | \(c.humanWords) |\n"
        }
        for (index, scene) in report.scenes.enumerated() {
            let heading = scene.heading.replacingOccurrences(of: "|", with: "\\|")
            out += row("\(index + 1). \(heading)", "\(scene.line)", scene.counts)
        }
        out += row("**Total**", "", report.total)
        return out
    }

    static func text(_ report: ProvenanceReport, name: String, sidecar: String?) -> String {
        var out = "Provenance of \(name)\n"
        out += "Sidecar: \(sidecar ?? "none (every line is human)")\n\n"
        let headingWidth = min(36, max(12, report.scenes.map { $0.heading.count + 5 }.max() ?? 0))
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
        }
        func right(_ value: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - value.count)) + value
        }
        func row(_ label: String, _ c: OriginCounts) -> String {
            pad(label, headingWidth)
                + right("\(c.lines)", 7) + right("\(c.aiLines)", 6) + right("\(c.aiEditedLines)", 8) + right("\(c.humanLines)", 7)
                + right(percent(c.machineLineShare), 8)
                + right("\(c.words)", 8) + right("\(c.aiWords)", 6) + right("\(c.aiEditedWords)", 8) + right("\(c.humanWords)", 7)
                + right(percent(c.machineWordShare), 8) + "\n"
        }
        out += pad("", headingWidth) + right("Lines", 7) + right("AI", 6) + right("Edited", 8) + right("Human", 7) + right("AI%", 8)
            + right("Words", 8) + right("AI", 6) + right("Edited", 8) + right("Human", 7) + right("AI%", 8) + "\n"
        for (index, scene) in report.scenes.enumerated() {
            out += row("\(right("\(index + 1)", 3)) \(scene.heading)", scene.counts)
        }
        out += row("Total", report.total)
        out += "\nAI% counts AI and AI-edited text; a line is AI-edited when the writer changed AI text in it.\n"
        return out
    }

    static func percent(_ share: Double) -> String {
        String(format: "%.1f%%", share * 100)
    }
}
