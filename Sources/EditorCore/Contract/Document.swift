import Foundation

/// A file as the editor holds it: its path, its text, and the byte-level facts
/// needed to write it back unchanged (line ending, BOM, final newline).
///
/// `Document(path:bytes:)` then `bytes(for:)` on the same text gives back the
/// original bytes exactly, as long as the file used one line-ending style.
/// Mixed line endings are kept line by line when the editor saves
/// (`Editor.documentBytes`); `bytes(for:)` alone uses the first one seen.
public struct Document: Sendable, Equatable {
    /// The file's (first) line ending, used for new lines and `bytes(for:)`.
    public enum LineEnding: String, Sendable, Equatable { case lf = "\n", crlf = "\r\n", cr = "\r" }
    /// nil for an untitled buffer.
    public var path: String?
    /// The text with every line ending turned into "\n" and no BOM.
    public var text: String
    public var lineEnding: LineEnding
    public var hasBOM: Bool
    /// The bytes as read, when the document came from a file: the editor
    /// keeps them (through the Fountain model's lossless source) so that
    /// untouched lines keep their exact endings, even mixed ones.
    public var originalBytes: Data?

    public init(path: String?, text: String, lineEnding: LineEnding = .lf, hasBOM: Bool = false) {
        self.path = path
        self.text = text
        self.lineEnding = lineEnding
        self.hasBOM = hasBOM
    }

    /// Decodes file bytes. Throws `DocumentError.notUTF8` for bytes that are not
    /// valid UTF-8 (the caller shows a message and refuses to open, so
    /// nothing is lost by a lossy decode).
    public init(path: String?, bytes: Data) throws {
        var body = bytes[...]
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        hasBOM = body.starts(with: bom)
        if hasBOM { body = body.dropFirst(3) }
        guard let decoded = String(validating: body, as: UTF8.self) else {
            throw DocumentError.notUTF8(path: path ?? "untitled")
        }
        if body.contains(0) { throw DocumentError.binary(path: path ?? "untitled") }
        self.path = path
        originalBytes = bytes
        lineEnding = Self.detectLineEnding(body)
        switch lineEnding {
        case .lf: text = decoded
        case .crlf: text = decoded.replacingOccurrences(of: "\r\n", with: "\n")
        case .cr: text = decoded.replacingOccurrences(of: "\r", with: "\n")
        }
    }

    /// The bytes to write for `text` (which uses "\n" line endings).
    public func bytes(for text: String) -> Data {
        var out = Data()
        if hasBOM { out.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        switch lineEnding {
        case .lf: out.append(contentsOf: text.utf8)
        case .crlf: out.append(contentsOf: text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        case .cr: out.append(contentsOf: text.replacingOccurrences(of: "\n", with: "\r").utf8)
        }
        return out
    }

    /// The bytes of this document's own text.
    public var bytes: Data { bytes(for: text) }

    private static func detectLineEnding(_ body: Data.SubSequence) -> LineEnding {
        var previous: UInt8 = 0
        for byte in body {
            if byte == 0x0A { return previous == 0x0D ? .crlf : .lf }
            if previous == 0x0D { return .cr }
            previous = byte
        }
        return previous == 0x0D ? .cr : .lf
    }
}

/// Why a file could not be opened as a document.
public enum DocumentError: Error, Equatable, CustomStringConvertible {
    case notUTF8(path: String)
    case binary(path: String)

    public var description: String {
        switch self {
        case .notUTF8(let path): "\(path): not UTF-8 text; not opened (nothing was changed)"
        case .binary(let path): "\(path): looks like a binary file; not opened"
        }
    }
}
