/// Reads little-endian GGUF fields from a byte buffer, checking every read
/// against the bytes left so that an untrusted length can never read past the
/// end or make us allocate more than the file could describe.
struct GGUFByteCursor {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    mutating func read<T: FixedWidthInteger>(_: T.Type, _ reading: @autoclosure () -> String) throws -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else {
            throw GGUFError.truncated(offset: offset, needed: size, reading: reading())
        }
        let v = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += size
        return T(littleEndian: v)
    }

    mutating func readFloat(_ reading: @autoclosure () -> String) throws -> Float {
        Float(bitPattern: try read(UInt32.self, reading()))
    }

    mutating func readDouble(_ reading: @autoclosure () -> String) throws -> Double {
        Double(bitPattern: try read(UInt64.self, reading()))
    }

    mutating func readBytes(_ count: Int, _ reading: @autoclosure () -> String) throws -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else {
            throw GGUFError.truncated(offset: offset, needed: count, reading: reading())
        }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        offset += count
        return slice
    }

    /// A u64 length then that many bytes of UTF-8. Invalid UTF-8 is repaired
    /// (U+FFFD) rather than rejected: it cannot harm the reader, and llama.cpp
    /// does not reject it either.
    mutating func readString(_ what: @autoclosure () -> String) throws -> String {
        let at = offset
        let length = try read(UInt64.self, "\(what()) length")
        guard length <= UInt64(remaining) else {
            throw GGUFError.lengthTooLarge(what: what(), length: length, offset: at, remaining: remaining)
        }
        let raw = try readBytes(Int(length), what())
        return String(decoding: raw, as: UTF8.self)
    }

    /// Reads a u64 count of items each taking at least `minimumSize` bytes and
    /// rejects it unless that many could fit in what is left.
    mutating func readCount(_ what: String, minimumSize: Int) throws -> Int {
        let at = offset
        let count = try read(UInt64.self, what)
        guard count <= UInt64(remaining / max(minimumSize, 1)) else {
            throw GGUFError.countTooLarge(what: what, count: count, offset: at)
        }
        return Int(count)
    }
}
