import Foundation

/// Runs poppler's command-line tools (pdftotext, pdfinfo, pdffonts) on PDF
/// bytes: an independent reader, so a test checks that real software can
/// open what the writer produced. scripts/test installs poppler-utils.
enum Poppler {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `pdftotext [-layout] file -` as UTF-8 text.
    static func text(_ pdf: [UInt8], layout: Bool = true) throws -> String {
        try run("pdftotext", (layout ? ["-layout"] : []) + ["-enc", "UTF-8"], pdf: pdf, trailing: ["-"])
    }

    /// A word as `pdftotext -bbox` places it: page (1-based) and box in points
    /// from the top-left corner.
    struct Word: Equatable {
        var page: Int
        var text: String
        var xMin: Double
        var yMin: Double
        var xMax: Double

        /// The grid column the word starts in (7.2 pt per column).
        var column: Int { Int((xMin / 7.2).rounded()) }
    }

    /// Every word with its position, from `pdftotext -bbox`.
    static func words(_ pdf: [UInt8]) throws -> [Word] {
        let html = try run("pdftotext", ["-bbox", "-enc", "UTF-8"], pdf: pdf, trailing: ["-"])
        var words: [Word] = []
        var page = 0
        for line in html.split(separator: "\n") {
            if line.contains("<page ") { page += 1; continue }
            guard line.contains("<word "), let open = line.firstIndex(of: ">"),
                  let close = line.range(of: "</word>") else { continue }
            func attribute(_ name: String) -> Double {
                guard let r = line.range(of: name + "=\"") else { return .nan }
                return Double(line[r.upperBound...].prefix { $0 != "\"" }) ?? .nan
            }
            let text = String(line[line.index(after: open)..<close.lowerBound])
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            words.append(Word(page: page, text: text, xMin: attribute("xMin"), yMin: attribute("yMin"), xMax: attribute("xMax")))
        }
        return words
    }

    /// `pdfinfo file` as key → value.
    static func info(_ pdf: [UInt8]) throws -> [String: String] {
        var result: [String: String] = [:]
        for line in try run("pdfinfo", [], pdf: pdf).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    /// `pdffonts file` output.
    static func fonts(_ pdf: [UInt8]) throws -> String {
        try run("pdffonts", [], pdf: pdf)
    }

    static func run(_ tool: String, _ args: [String], pdf: [UInt8], trailing: [String] = []) throws -> String {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("intercut-test-\(UUID().uuidString).pdf")
        try Data(pdf).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + args + [file.path] + trailing
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: errors, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) exited \(process.terminationStatus): \(stderr)")
        }
        // poppler reports repairs ("Syntax Error", "xref") on stderr but still exits 0.
        guard stderr.isEmpty else { throw Failure(description: "\(tool) complained: \(stderr)") }
        return String(decoding: data, as: UTF8.self)
    }
}
