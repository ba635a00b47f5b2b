/// A small zlib (RFC 1950) / deflate (RFC 1951) compressor for PDF streams
/// (`/Filter /FlateDecode`), so the Fountain module needs no C zlib.
///
/// One final block with the fixed Huffman codes and greedy LZ77 matching
/// over a 32 KB window (hash chains of 3-byte prefixes, at most
/// `maxChain` candidates per position). That gives most of zlib's ratio on
/// PDF content streams, which are repetitive text operators, at a speed that
/// keeps a 120-page export well inside its time budget.
enum Deflate {
    private static let windowSize = 1 << 15
    private static let minMatch = 3
    private static let maxMatch = 258
    private static let maxChain = 16
    private static let hashBits = 15

    /// `data` as a zlib stream (header, one fixed-Huffman block, Adler-32).
    static func zlib(_ data: [UInt8]) -> [UInt8] {
        var bits = BitWriter(capacity: data.count / 2 + 64)
        bits.bytes.append(0x78)   // deflate, 32 KB window
        bits.bytes.append(0x01)   // fastest-level flag; (0x78 << 8 | 0x01) % 31 == 0
        bits.write(1, count: 1)   // BFINAL
        bits.write(1, count: 2)   // BTYPE = 01, fixed Huffman
        compress(data, into: &bits)
        writeLiteral(256, into: &bits)   // end of block
        bits.flush()
        let adler = adler32(data)
        bits.bytes.append(contentsOf: [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)])
        return bits.bytes
    }

    private static func compress(_ data: [UInt8], into bits: inout BitWriter) {
        let count = data.count
        // Raw buffers: closures over mutable arrays would pay for dynamic
        // exclusivity checks on every access in the hot loop.
        let head = UnsafeMutablePointer<Int32>.allocate(capacity: 1 << hashBits)
        head.initialize(repeating: -1, count: 1 << hashBits)
        let previous = UnsafeMutablePointer<Int32>.allocate(capacity: windowSize)
        previous.initialize(repeating: -1, count: windowSize)
        defer {
            head.deallocate()
            previous.deallocate()
        }
        let mask = windowSize - 1
        data.withUnsafeBufferPointer { buffer in
            guard let input = buffer.baseAddress else { return }
            @inline(__always) func hash(_ i: Int) -> Int {
                let v = Int(input[i]) << 16 | Int(input[i + 1]) << 8 | Int(input[i + 2])
                return (v &* 2_654_435_761) >> (32 - hashBits) & ((1 << hashBits) - 1)
            }
            var i = 0
            while i < count {
                var bestLength = 0, bestDistance = 0
                if i + minMatch <= count {
                    let h = hash(i)
                    var candidate = Int(head[h])
                    var chain = maxChain
                    let limit = min(maxMatch, count - i)
                    while candidate >= 0 && i - candidate < windowSize && chain > 0 {
                        // Only a candidate that could beat the best so far is compared in full.
                        if input[candidate + bestLength] == input[i + bestLength] {
                            var length = 0
                            while length < limit && input[candidate + length] == input[i + length] { length += 1 }
                            if length > bestLength {
                                bestLength = length
                                bestDistance = i - candidate
                                if length == limit { break }
                            }
                        }
                        let next = Int(previous[candidate & mask])
                        if next >= candidate { break }
                        candidate = next
                        chain -= 1
                    }
                    previous[i & mask] = head[h]
                    head[h] = Int32(i)
                }
                if bestLength >= minMatch {
                    writeMatch(length: bestLength, distance: bestDistance, into: &bits)
                    let end = i + bestLength
                    i += 1
                    while i < end {
                        if i + minMatch <= count {
                            let h = hash(i)
                            previous[i & mask] = head[h]
                            head[h] = Int32(i)
                        }
                        i += 1
                    }
                } else {
                    writeLiteral(Int(input[i]), into: &bits)
                    i += 1
                }
            }
        }
    }

    // MARK: - Fixed Huffman codes (RFC 1951, 3.2.6)

    /// Bit-reversed fixed codes for literal/length symbols 0–287, with lengths.
    private static let literalCodes: [(code: UInt32, length: Int)] = (0..<288).map { symbol in
        let (code, length): (Int, Int)
        switch symbol {
        case 0...143: (code, length) = (0x30 + symbol, 8)
        case 144...255: (code, length) = (0x190 + symbol - 144, 9)
        case 256...279: (code, length) = (symbol - 256, 7)
        default: (code, length) = (0xC0 + symbol - 280, 8)
        }
        return (reversed(UInt32(code), length), length)
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                     35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                      3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                       257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                       8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Length 3–258 → index into the length tables.
    private static let lengthSymbol: [UInt8] = (0...maxMatch).map { length in
        guard length >= 3 else { return 0 }
        var s = 0
        while s + 1 < lengthBase.count && lengthBase[s + 1] <= length { s += 1 }
        return UInt8(s)
    }

    private static let distanceCodes: [UInt32] = (0..<30).map { reversed(UInt32($0), 5) }

    @inline(__always)
    private static func writeLiteral(_ symbol: Int, into bits: inout BitWriter) {
        let c = literalCodes[symbol]
        bits.write(c.code, count: c.length)
    }

    private static func writeMatch(length: Int, distance: Int, into bits: inout BitWriter) {
        let ls = Int(lengthSymbol[length])
        writeLiteral(257 + ls, into: &bits)
        if lengthExtra[ls] > 0 { bits.write(UInt32(length - lengthBase[ls]), count: lengthExtra[ls]) }
        var ds = 0
        while ds + 1 < distanceBase.count && distanceBase[ds + 1] <= distance { ds += 1 }
        bits.write(distanceCodes[ds], count: 5)
        if distanceExtra[ds] > 0 { bits.write(UInt32(distance - distanceBase[ds]), count: distanceExtra[ds]) }
    }

    private static func reversed(_ code: UInt32, _ length: Int) -> UInt32 {
        var result: UInt32 = 0
        for b in 0..<length where code & (1 << UInt32(b)) != 0 { result |= 1 << UInt32(length - 1 - b) }
        return result
    }

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        var i = 0
        while i < data.count {
            let end = min(i + 5552, data.count)   // largest run before the sums can overflow
            while i < end {
                a &+= UInt32(data[i])
                b &+= a
                i += 1
            }
            a %= 65521
            b %= 65521
        }
        return b << 16 | a
    }
}

/// Packs bits least-significant first, as deflate requires.
private struct BitWriter {
    var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func write(_ value: UInt32, count n: Int) {
        buffer |= UInt64(value) << UInt64(count)
        count += n
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
        }
    }

    mutating func flush() {
        if count > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
        buffer = 0
        count = 0
    }
}
