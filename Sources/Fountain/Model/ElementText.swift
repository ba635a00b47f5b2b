/// The UTF-8 bytes of an element's text: a slice of a buffer that many
/// elements share (the parsed source when the text is a run of it, else one
/// buffer per parse), so parsing builds no String and makes no allocation per
/// element. Equality and hashing look at the bytes, never at the buffer.
struct ElementText: Sendable, Hashable {
    private(set) var buffer: [UInt8]
    /// The slice `buffer[start..<start + count]`; 32-bit to keep `Element` small.
    private(set) var start: UInt32
    private(set) var count: UInt32

    init(_ string: String) {
        self.init(buffer: Array(string.utf8), start: 0, count: string.utf8.count)
    }

    /// `buffer[start..<start + count]`. A slice past 4 GiB into a larger
    /// buffer is copied out so the offsets fit.
    init(buffer: [UInt8], start: Int, count: Int) {
        if start + count <= Int(UInt32.max) {
            self.buffer = buffer
            self.start = UInt32(start)
        } else {
            self.buffer = Array(buffer[start..<(start + count)])
            self.start = 0
        }
        self.count = UInt32(count)
    }

    /// `count` bytes from `start` of a buffer handed over later, by
    /// `attach` (`BlockParser.finishTexts`, once its text buffer stops growing).
    static func pending(start: Int, count: Int) -> ElementText {
        var text = ElementText(buffer: [], start: 0, count: 0)
        text.start = UInt32(start)
        text.count = UInt32(count)
        return text
    }

    var byteCount: Int { Int(count) }
    var startOffset: Int { Int(start) }

    /// Points a pending slice at its buffer.
    mutating func attach(_ buffer: [UInt8]) {
        self.buffer = buffer
    }

    /// Grows the slice by `extra` bytes that follow it in its buffer.
    mutating func extend(by extra: Int) {
        count += UInt32(extra)
    }

    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try buffer.withUnsafeBufferPointer { b in
            try body(UnsafeBufferPointer(rebasing: b[Int(start)..<(Int(start) + Int(count))]))
        }
    }

    static func == (a: ElementText, b: ElementText) -> Bool {
        a.withBytes { x in b.withBytes { y in x.elementsEqual(y) } }
    }

    func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
