import Foundation

/// The provenance sidecar: `<script dir>/.<script name>.intercut/provenance.json`.
///
/// It holds a hash of every line of the script as last saved and, for each
/// line with ai or ai-edited text, the line's text and its spans (UTF-8 byte
/// offsets). That is enough to restore origins exactly when the script is
/// unchanged and to re-anchor them by a line diff when it was edited outside
/// Intercut. The format is documented in docs/PROVENANCE.md. This type reads
/// and writes bytes only; the editor writes them atomically beside its save.
public struct ProvenanceSidecar: Sendable, Equatable {
    public static let format = "intercut-provenance"
    public static let version = 1

    /// FNV-1a 64 of each line, in order.
    var lineHashes: [UInt64]
    /// The lines that are not all human, by 0-based line index.
    var markedLines: [Int: MarkedLine]

    struct MarkedLine: Sendable, Equatable {
        var text: String
        var origins: OriginSpans
    }

    /// Captures `origins` for the text whose lines are `lines`.
    public init(lines: [String], origins: ScriptOrigins) {
        lineHashes = lines.map(LineHash.of)
        markedLines = [:]
        for (index, line) in lines.enumerated() where index < origins.lineCount && !origins[index].isAllHuman {
            markedLines[index] = MarkedLine(text: line, origins: origins[index])
        }
    }

    /// Where the sidecar of the script at `scriptPath` lives.
    public static func path(forScript scriptPath: String) -> String {
        let directory = (scriptPath as NSString).deletingLastPathComponent
        let name = (scriptPath as NSString).lastPathComponent
        let folder = (directory.isEmpty ? "." : directory) + "/.\(name).intercut"
        return folder + "/provenance.json"
    }

    /// Whether any line holds ai or ai-edited text.
    public var hasMachineText: Bool { !markedLines.isEmpty }

    // MARK: - Restoring origins

    /// The origins for a script whose lines are now `lines`: exact when the
    /// script is the one saved, else re-anchored (see `Reanchoring`).
    public func origins(for lines: [String]) -> Reanchoring {
        let hashes = lines.map(LineHash.of)
        if hashes == lineHashes, markedLines.allSatisfy({ lines[$0.key] == $0.value.text }) {
            var spans = Array(repeating: OriginSpans(), count: lines.count)
            for (index, marked) in markedLines { spans[index] = marked.origins }
            return Reanchoring(origins: ScriptOrigins(lines: spans), changedLines: 0, addedLines: 0, droppedLines: 0)
        }
        return Reanchoring(saved: self, lines: lines, hashes: hashes)
    }

    // MARK: - JSON

    private struct FileBody: Codable {
        var format: String
        var version: Int
        var line_count: Int
        var line_hashes: [String]
        var lines: [LineBody]
    }

    private struct LineBody: Codable {
        var line: Int
        var text: String
        var spans: [SpanBody]
    }

    private struct SpanBody: Codable {
        var start: Int
        var end: Int
        var origin: Origin
    }

    /// The sidecar as JSON: one line hash per line and one marked line per
    /// line, so it diffs well under version control. Written by hand: this
    /// runs on every save, and Foundation's encoder took ~35 ms for a
    /// 200-page script against ~3 ms here (EditorBenchmark, "sidecar").
    public func encoded() -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(lineHashes.count * 21 + markedLines.count * 120 + 128)
        func put(_ text: String) { out.append(contentsOf: text.utf8) }
        put("{\n  \"format\": \"\(Self.format)\",\n  \"version\": \(Self.version),\n  \"line_count\": \(lineHashes.count),\n")
        put("  \"line_hashes\": [")
        for (index, hash) in lineHashes.enumerated() {
            put(index == 0 ? "\n    \"" : ",\n    \"")
            put(LineHash.hex(hash))
            out.append(0x22)
        }
        put(lineHashes.isEmpty ? "],\n  \"lines\": [" : "\n  ],\n  \"lines\": [")
        for (position, index) in markedLines.keys.sorted().enumerated() {
            let marked = markedLines[index]!
            put(position == 0 ? "\n    {\"line\": \(index + 1), \"text\": " : ",\n    {\"line\": \(index + 1), \"text\": ")
            Self.appendJSONString(marked.text, to: &out)
            put(", \"spans\": [")
            for (spanIndex, span) in marked.origins.spans.enumerated() {
                if spanIndex > 0 { put(", ") }
                put("{\"start\": \(span.bytes.lowerBound), \"end\": \(span.bytes.upperBound), \"origin\": \"\(span.origin.rawValue)\"}")
            }
            put("]}")
        }
        put(markedLines.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return Data(out)
    }

    /// A JSON string literal: quotes, backslashes and control characters
    /// escaped, everything else as UTF-8.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }

    /// Reads and checks a sidecar; every inconsistency is an error naming it.
    public init(data: Data) throws(ProvenanceSidecarError) {
        let body: FileBody
        do {
            body = try JSONDecoder().decode(FileBody.self, from: data)
        } catch {
            throw .corrupt("not a provenance sidecar (\(Self.describe(error)))")
        }
        guard body.format == Self.format else { throw .corrupt("format is '\(body.format)', expected '\(Self.format)'") }
        guard body.version == Self.version else { throw .unsupportedVersion(body.version) }
        guard body.line_hashes.count == body.line_count else {
            throw .corrupt("line_count \(body.line_count) but \(body.line_hashes.count) line hashes")
        }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(body.line_hashes.count)
        for (index, text) in body.line_hashes.enumerated() {
            guard let hash = LineHash.parse(text) else { throw .corrupt("line hash \(index + 1) is not 16 hex digits") }
            hashes.append(hash)
        }
        var marked: [Int: MarkedLine] = [:]
        for line in body.lines {
            guard line.line >= 1, line.line <= body.line_count else {
                throw .corrupt("line \(line.line) is outside 1...\(body.line_count)")
            }
            guard LineHash.of(line.text) == hashes[line.line - 1] else {
                throw .corrupt("the text of line \(line.line) does not match its hash")
            }
            guard marked[line.line - 1] == nil else { throw .corrupt("line \(line.line) is listed twice") }
            var previousEnd = 0
            var spans: [OriginSpan] = []
            for span in line.spans {
                guard span.start >= previousEnd, span.start < span.end, span.end <= line.text.utf8.count else {
                    throw .corrupt("line \(line.line): span \(span.start)..<\(span.end) is out of order or outside the line")
                }
                previousEnd = span.end
                spans.append(OriginSpan(bytes: span.start..<span.end, origin: span.origin))
            }
            marked[line.line - 1] = MarkedLine(text: line.text, origins: OriginSpans(spans))
        }
        lineHashes = hashes
        markedLines = marked
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing key '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "invalid JSON" : "bad value at \(path)"
        default: return "\(error)"
        }
    }
}

/// Why a sidecar could not be used.
public enum ProvenanceSidecarError: Error, Sendable, Equatable, CustomStringConvertible {
    case corrupt(String)
    case unsupportedVersion(Int)

    public var description: String {
        switch self {
        case .corrupt(let reason): "corrupt provenance sidecar: \(reason)"
        case .unsupportedVersion(let version): "provenance sidecar version \(version) is newer than this Intercut reads (\(ProvenanceSidecar.version))"
        }
    }
}
