import Foundation

/// Chooses, character by character, the font that draws a run's text, and
/// remembers what was used for the resource dictionary and the warnings.
struct FontState {
    /// A stretch of a run drawn in one font: its resource name, the column of
    /// its first character within the run, how many columns it covers, and
    /// the string operand ready for `Tj`.
    struct Segment {
        var font: String
        var column: Int
        var columns: Int
        var operand: [UInt8]
    }

    let fallbackFonts: FallbackFonts
    var standardUsed = [Bool](repeating: false, count: PDFFontStyle.allCases.count)
    private(set) var embedded: [EmbeddedFont] = []
    private var embeddedIndexByPath: [String: Int] = [:]
    private var unloadable: Set<String> = []
    private var missing: [Character] = []
    private var missingSet: Set<Character> = []

    init(fallbackFonts: FallbackFonts) {
        self.fallbackFonts = fallbackFonts
    }

    /// Resource names of the standard faces, by `PDFFontStyle.rawValue`.
    static let standardNames = PDFFontStyle.allCases.map { "C\($0.rawValue)" }

    /// True when `text` is printable ASCII: one standard-font segment,
    /// written straight into the content stream (the common case, kept free
    /// of allocations).
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Appends `(text)` with the delimiters escaped; `text` is plain ASCII.
    static func appendLiteral(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "("))
        for byte in text.utf8 { appendEscaped(byte, to: &out) }
        out.append(UInt8(ascii: ")"))
    }

    /// Splits `text` into segments by font. Each character takes one column.
    mutating func segments(of text: String, style: PDFFontStyle) -> [Segment] {
        var result: [Segment] = []
        var current: Segment?
        var column = 0
        // Fast path: plain ASCII, the common case, is one standard segment.
        let isASCIIPrintable = Self.isPlainASCII(text)
        let characters: [Character] = isASCIIPrintable ? [] : Array(text.precomposedStringWithCanonicalMapping)
        if isASCIIPrintable {
            standardUsed[style.rawValue] = true
            var operand: [UInt8] = [UInt8(ascii: "(")]
            for byte in text.utf8 { Self.appendEscaped(byte, to: &operand) }
            operand.append(UInt8(ascii: ")"))
            return text.isEmpty ? [] : [Segment(font: Self.standardNames[style.rawValue], column: 0, columns: text.utf8.count, operand: operand)]
        }
        for character in characters {
            let (font, bytes) = draw(character, style: style)
            if current?.font != font {
                if let done = current { result.append(Self.closed(done)) }
                current = Segment(font: font, column: column, columns: 0,
                                  operand: [UInt8(ascii: font.hasPrefix("C") ? "(" : "<")])
            }
            current!.operand.append(contentsOf: bytes)
            current!.columns += 1
            column += 1
        }
        if let done = current { result.append(Self.closed(done)) }
        return result
    }

    /// One warning naming every character that no font could draw.
    func warnings() -> [String] {
        guard !missing.isEmpty else { return [] }
        let names = missing.map { c in
            "'\(c)' (" + c.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ") + ")"
        }
        let searched = loadedNames.isEmpty ? "no fallback font found; install fonts-freefont-ttf or fonts-liberation2"
            : "searched " + loadedNames.joined(separator: ", ")
        return ["no available font has \(missing.count) character(s), printed as '?': "
                + names.joined(separator: ", ") + " (\(searched))"]
    }

    /// The fallback fonts that loaded, by PostScript name.
    private var loadedNames: [String] {
        var seen: [String] = []
        for font in embedded where !seen.contains(font.font.postScriptName) { seen.append(font.font.postScriptName) }
        return seen
    }

    // MARK: - Choosing a font

    private mutating func draw(_ character: Character, style: PDFFontStyle) -> (String, [UInt8]) {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                return standard(UInt8(ascii: " "), style: style)   // a control character occupies its column blank
            }
            if let byte = WinAnsiEncoding.byte(for: scalar) { return standard(byte, style: style) }
        }
        for path in fallbackFonts.candidates(for: style) {
            guard let index = loadFont(path) else { continue }
            if let glyphs = embedded[index].glyphs(for: character) {
                embedded[index].markUsed(glyphs, for: character)
                var hex: [UInt8] = []
                for glyph in glyphs { hex.append(contentsOf: PDFObjectWriter.hex4(glyph).utf8) }
                return (embedded[index].resourceName, hex)
            }
        }
        if missingSet.insert(character).inserted { missing.append(character) }
        return standard(UInt8(ascii: "?"), style: style)
    }

    private mutating func standard(_ byte: UInt8, style: PDFFontStyle) -> (String, [UInt8]) {
        standardUsed[style.rawValue] = true
        var bytes: [UInt8] = []
        Self.appendEscaped(byte, to: &bytes)
        return (Self.standardNames[style.rawValue], bytes)
    }

    private mutating func loadFont(_ path: String) -> Int? {
        if let index = embeddedIndexByPath[path] { return index }
        if unloadable.contains(path) { return nil }
        guard let data = FileManager.default.contents(atPath: path),
              let font = try? TrueTypeFont(data: Array(data),
                                           fallbackName: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        else {
            unloadable.insert(path)
            return nil
        }
        embedded.append(EmbeddedFont(font: font, resourceName: "E\(embedded.count)"))
        embeddedIndexByPath[path] = embedded.count - 1
        return embedded.count - 1
    }

    // MARK: - String operands

    static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
            out.append(UInt8(ascii: "\\"))
            out.append(byte)
        default:
            out.append(byte)
        }
    }

    private static func closed(_ segment: Segment) -> Segment {
        var s = segment
        s.operand.append(UInt8(ascii: s.font.hasPrefix("C") ? ")" : ">"))
        return s
    }
}
