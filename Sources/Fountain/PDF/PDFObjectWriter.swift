/// Writes the file structure of a PDF: header, numbered indirect objects,
/// the cross-reference table with each object's byte offset, and the trailer.
///
/// Objects may be written in any order once their numbers are reserved, which
/// lets a page refer to a resource dictionary that is written last. Every
/// reserved number must be written before `finish`; the xref offsets are the
/// byte positions of `n 0 obj` in the output (PDF 1.7, 7.5.4).
struct PDFObjectWriter {
    private(set) var bytes: [UInt8] = []
    private var offsets: [Int] = [0]   // index = object number; 0 is the free head

    init() {
        bytes.reserveCapacity(1 << 16)
        append("%PDF-1.4\n")
        // A comment of high bytes marks the file as binary for transfer tools.
        bytes.append(contentsOf: [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
    }

    /// Reserves the next object number.
    mutating func reserve() -> Int {
        offsets.append(-1)
        return offsets.count - 1
    }

    /// Writes object `number` with a dictionary, array or other direct body.
    mutating func write(_ number: Int, _ body: String) {
        begin(number)
        append(body)
        append("\nendobj\n")
    }

    /// Whether streams are Flate-compressed (off to read them in tests).
    var compressStreams = true

    /// Writes object `number` as a stream; `dictionary` holds the entries
    /// other than /Length and /Filter (written here from the data as stored).
    mutating func writeStream(_ number: Int, dictionary: String = "", data: [UInt8]) {
        begin(number)
        let stored = compressStreams ? Deflate.zlib(data) : data
        let filter = compressStreams ? "/Filter /FlateDecode " : ""
        append("<< /Length \(stored.count) \(filter)\(dictionary) >>\nstream\n")
        bytes.append(contentsOf: stored)
        append("\nendstream\nendobj\n")
    }

    /// Writes the xref table and trailer and returns the whole file.
    mutating func finish(root: Int, info: Int?) -> [UInt8] {
        precondition(!offsets.dropFirst().contains(-1), "a reserved PDF object was never written")
        let xrefOffset = bytes.count
        append("xref\n0 \(offsets.count)\n0000000000 65535 f \n")
        for offset in offsets.dropFirst() {
            append(Self.padded(offset))
            append(" 00000 n \n")
        }
        var trailer = "trailer\n<< /Size \(offsets.count) /Root \(root) 0 R"
        if let info { trailer += " /Info \(info) 0 R" }
        trailer += " >>\nstartxref\n\(xrefOffset)\n%%EOF\n"
        append(trailer)
        return bytes
    }

    private mutating func begin(_ number: Int) {
        precondition(offsets[number] == -1, "PDF object \(number) written twice")
        offsets[number] = bytes.count
        append("\(number) 0 obj\n")
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private static func padded(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }
}

extension PDFObjectWriter {
    /// A PDF text string for document metadata: a literal `( … )` when the
    /// text is printable ASCII (delimiters escaped), else UTF-16BE hex with a
    /// byte-order mark, as PDF 1.7, 7.9.2.2 allows for text strings.
    static func textString(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            var out = "("
            for scalar in text.unicodeScalars {
                if scalar == "(" || scalar == ")" || scalar == "\\" { out += "\\" }
                out.unicodeScalars.append(scalar)
            }
            return out + ")"
        }
        var out = "<FEFF"
        for unit in text.utf16 { out += hex4(unit) }
        return out + ">"
    }

    /// Four upper-case hex digits.
    static func hex4(_ value: UInt16) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(value >> 12)], digits[Int(value >> 8 & 0xF)],
                       digits[Int(value >> 4 & 0xF)], digits[Int(value & 0xF)]])
    }
}
