/// Mutations of a valid GGUF image, weighted toward what breaks parsers:
/// length and count fields, type tags and truncation.
struct Mutator {
    enum Kind: String, CaseIterable {
        case bitFlip, byteSet, truncate, inflateLength, interestingInteger, splice, insertChunk, deleteChunk
    }

    /// Values that sit on boundaries a reader must check.
    static let interesting64: [UInt64] = [
        0, 1, 2, 3, 4, 5, 7, 8, 12, 13, 24, 31, 32, 33, 63, 64, 255, 256, 1023, 1024, 65535, 65536,
        0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000, 1 << 40, 1 << 56,
        0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, UInt64.max, UInt64.max - 1, UInt64.max - 31,
    ]

    var rng: SplitMix64

    /// Applies 1 to 4 random mutations to `bytes`; returns the kinds applied.
    mutating func mutate(_ bytes: inout [UInt8], donor: [UInt8]) -> [Kind] {
        var applied = [Kind]()
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let kind = Kind.allCases.randomElement(using: &rng)!
            apply(kind, &bytes, donor: donor)
            applied.append(kind)
        }
        return applied
    }

    /// Offsets in the header matter most; the tensor data is mostly opaque.
    private mutating func offset(in bytes: [UInt8], headerBias: Int) -> Int {
        guard !bytes.isEmpty else { return 0 }
        if Int.random(in: 0..<4, using: &rng) > 0, headerBias > 0 {
            return Int.random(in: 0..<min(headerBias, bytes.count), using: &rng)
        }
        return Int.random(in: 0..<bytes.count, using: &rng)
    }

    private mutating func apply(_ kind: Kind, _ bytes: inout [UInt8], donor: [UInt8]) {
        let header = Self.headerEnd(donor)
        switch kind {
        case .bitFlip:
            guard !bytes.isEmpty else { return }
            let i = offset(in: bytes, headerBias: header)
            bytes[i] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
        case .byteSet:
            guard !bytes.isEmpty else { return }
            let i = offset(in: bytes, headerBias: header)
            bytes[i] = [0, 1, 0x7F, 0x80, 0xFF, UInt8.random(in: 0...255, using: &rng)].randomElement(using: &rng)!
        case .truncate:
            guard !bytes.isEmpty else { return }
            bytes.removeLast(Int.random(in: 1...bytes.count, using: &rng) % (bytes.count + 1))
        case .inflateLength:
            // Add a large amount to an existing little-endian u64, as a
            // hostile length or count would.
            guard bytes.count >= 8 else { return }
            let i = min(offset(in: bytes, headerBias: header), bytes.count - 8)
            var v = UInt64(0)
            for k in 0..<8 { v |= UInt64(bytes[i + k]) << (8 * k) }
            v &+= [1, 8, 1 << 20, 1 << 32, 1 << 62].randomElement(using: &rng)!
            for k in 0..<8 { bytes[i + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) }
        case .interestingInteger:
            let width = [1, 2, 4, 8].randomElement(using: &rng)!
            guard bytes.count >= width else { return }
            let i = min(offset(in: bytes, headerBias: header), bytes.count - width)
            let v = Self.interesting64.randomElement(using: &rng)!
            for k in 0..<width { bytes[i + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) }
        case .splice:
            // Overwrite a run with bytes from elsewhere in the valid file.
            guard !bytes.isEmpty, !donor.isEmpty else { return }
            let to = offset(in: bytes, headerBias: header)
            let from = offset(in: donor, headerBias: header)
            let n = min(Int.random(in: 1...64, using: &rng), bytes.count - to, donor.count - from)
            bytes.replaceSubrange(to..<(to + n), with: donor[from..<(from + n)])
        case .insertChunk:
            guard !donor.isEmpty else { return }
            let to = bytes.isEmpty ? 0 : offset(in: bytes, headerBias: header)
            let from = offset(in: donor, headerBias: header)
            let n = min(Int.random(in: 1...32, using: &rng), donor.count - from)
            bytes.insert(contentsOf: donor[from..<(from + n)], at: to)
        case .deleteChunk:
            guard !bytes.isEmpty else { return }
            let at = offset(in: bytes, headerBias: header)
            let n = min(Int.random(in: 1...32, using: &rng), bytes.count - at)
            bytes.removeSubrange(at..<(at + n))
        }
    }

    /// Rough end of the header: bytes before the first run of 32 zero bytes
    /// after the magic, else the whole file. Only biases offsets.
    static func headerEnd(_ bytes: [UInt8]) -> Int {
        var zeros = 0
        for (i, b) in bytes.enumerated() {
            zeros = b == 0 ? zeros + 1 : 0
            if zeros == 32, i > 64 { return i }
        }
        return bytes.count
    }
}
