/// A parsed Fountain screenplay: the exact source, the title page and the
/// elements in order. A value type; edits go through `replaceLines`, which
/// re-parses only the affected region.
public struct FountainDocument: Sendable, Hashable {
    /// The source, byte for byte (see `LosslessWriter`).
    public internal(set) var source: SourceText
    public internal(set) var titlePage: [TitlePageEntry]
    public internal(set) var elements: [Element]
    /// Problems met while reading in lossy mode (replaced bytes). Empty otherwise.
    public internal(set) var warnings: [String]
    /// Offset of the last `*/` and the first body line, kept for incremental re-parsing.
    var lastCloser: Int = -1
    var bodyStart: Int = 0

    /// How `init(bytes:decoding:)` treats bytes that are not UTF-8 text.
    public enum DecodingMode: Sendable, Hashable {
        /// Throw `FountainDecodingError` naming the byte offset.
        case strict
        /// Replace invalid sequences with U+FFFD and drop NUL bytes, noting each in `warnings`.
        case lossy
    }

    /// Parses text. Never fails: any string is some screenplay.
    public init(parsing text: String) {
        var bytes = Array(text.utf8)
        var bom = false
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
            bom = true
        }
        self.init(source: SourceText(bytes: bytes, hasBOM: bom))
    }

    /// Parses raw file bytes. In `.strict` mode throws on invalid UTF-8 or
    /// binary data (NUL and similar control bytes) with the byte offset.
    public init(bytes: [UInt8], decoding mode: DecodingMode = .strict) throws(FountainDecodingError) {
        let decoded = try UTF8Validation.decode(bytes, mode: mode)
        self.init(source: decoded.source)
        warnings = decoded.warnings
    }

    /// Parses any collection of bytes (`Data`, `ArraySlice<UInt8>` …) like
    /// `init(bytes:decoding:)`, without this module importing Foundation.
    public init(contentsOf bytes: some Collection<UInt8>, decoding mode: DecodingMode = .strict) throws(FountainDecodingError) {
        try self.init(bytes: Array(bytes), decoding: mode)
    }

    init(source: SourceText) {
        self.source = source
        self.warnings = []
        let result = FountainParser.parse(source)
        self.titlePage = result.titlePage
        self.elements = result.elements
        self.lastCloser = result.lastCloser
        self.bodyStart = result.bodyStart
    }

    /// Index of the element that covers source line `line` (0-based), if any.
    public func elementIndex(containingLine line: Int) -> Int? {
        var lo = 0, hi = elements.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if elements[mid].lines.upperBound <= line { lo = mid + 1 } else { hi = mid }
        }
        if lo < elements.count, elements[lo].lines.contains(line) { return lo }
        return nil
    }
}
