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
