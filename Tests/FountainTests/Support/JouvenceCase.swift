import Foundation

/// One conformance case from the Jouvence YAML files, read with a small
/// reader for exactly the YAML subset those files use (documents split by
/// `---`, `in:` as a quoted string or `|` block, `out:` a list of quoted
/// strings, `title:` a flat map).
struct JouvenceCase: CustomStringConvertible {
    var file: String
    var index: Int
    var input: String
    var output: [String]
    var title: [String: String]?

    var description: String { "\(file)#\(index)" }

    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("../shared/conformance/jouvence").standardized
    }

    static func all() throws -> [JouvenceCase] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        var cases: [JouvenceCase] = []
        for f in files {
            let text = try String(contentsOf: directory.appendingPathComponent(f), encoding: .utf8)
            cases += try parse(text, file: f)
        }
        return cases
    }

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String, file: String) throws -> [JouvenceCase] {
        var docs: [[Substring]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces) == "---" && !line.hasPrefix(" ") {
                docs.append([])
            } else if !docs.isEmpty {
                docs[docs.count - 1].append(line)
            }
        }
        return try docs.enumerated().map { idx, lines in
            var c = JouvenceCase(file: file, index: idx, input: "", output: [], title: nil)
            var i = 0
            while i < lines.count {
                let line = lines[i]
                if line.hasPrefix("in:") {
                    let rest = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                    if rest == "|" {
                        let (block, next) = blockScalar(lines, from: i + 1)
                        c.input = block
                        i = next
                        continue
                    }
                    c.input = try scalar(rest)
                } else if line.hasPrefix("out:") {
                    let rest = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
                    if rest != "[]" {
                        var j = i + 1
                        while j < lines.count, lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("- ") {
                            let item = lines[j].trimmingCharacters(in: .whitespaces).dropFirst(2)
                            c.output.append(try scalar(String(item)))
                            j += 1
                        }
                        i = j
                        continue
                    }
                } else if line.hasPrefix("title:") {
                    var map: [String: String] = [:]
                    var j = i + 1
                    while j < lines.count, lines[j].hasPrefix(" "), let colon = lines[j].firstIndex(of: ":") {
                        let key = lines[j][..<colon].trimmingCharacters(in: .whitespaces)
                        let value = lines[j][lines[j].index(after: colon)...].trimmingCharacters(in: .whitespaces)
                        map[key] = try scalar(value)
                        j += 1
                    }
                    c.title = map
                    i = j
                    continue
                } else if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw FormatError(description: "\(file)#\(idx): unexpected line \(line)")
                }
                i += 1
            }
            return c
        }
    }

    /// A `|` block: lines indented at least as much as the first non-blank
    /// one; the indent is removed; one final newline (clip chomping).
    static func blockScalar(_ lines: [Substring], from start: Int) -> (String, Int) {
        var indent: Int?
        var out: [String] = []
        var i = start
        while i < lines.count {
            let line = lines[i]
            let spaces = line.prefix { $0 == " " }.count
            let blank = line.allSatisfy { $0 == " " }
            if indent == nil, !blank { indent = spaces }
            if let ind = indent, !blank, spaces < ind { break }
            if indent == nil, blank { out.append(""); i += 1; continue }
            if blank {
                out.append(String(line.dropFirst(min(indent!, line.count))))
            } else {
                out.append(String(line.dropFirst(indent!)))
            }
            i += 1
        }
        while let last = out.last, last.isEmpty { out.removeLast() }
        return (out.joined(separator: "\n") + "\n", i)
    }

    static func scalar(_ raw: String) throws -> String {
        if raw.hasPrefix("\"") {
            guard raw.count >= 2, raw.hasSuffix("\"") else { throw FormatError(description: "bad string \(raw)") }
            var out = ""
            var escaped = false
            for ch in raw.dropFirst().dropLast() {
                if escaped {
                    switch ch {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "\"": out.append("\"")
                    case "\\": out.append("\\")
                    default: out.append("\\"); out.append(ch)
                    }
                    escaped = false
                } else if ch == "\\" {
                    escaped = true
                } else {
                    out.append(ch)
                }
            }
            return out
        }
        if raw.hasPrefix("'") {
            return String(raw.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        return raw
    }
}
