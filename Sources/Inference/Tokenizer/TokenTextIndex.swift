/// Exact byte-string lookup from token text to id, without allocating per
/// lookup. Swift `String` equality is Unicode canonical equivalence ("é" ==
/// "e\u{301}"), which would merge distinct vocabulary entries, so the
/// tokenizer compares raw UTF-8 bytes instead.
struct TokenTextIndex: Sendable {
    private let bytes: [UInt8]
    private let starts: [Int32]       // token i's text is bytes[starts[i]..<starts[i+1]]
    private let slots: [Int32]        // open addressing; -1 = empty
    private let mask: Int

    /// Duplicate texts resolve to the highest id, as llama.cpp's
    /// `token_to_id[word] = i` does.
    init(texts: [[UInt8]]) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(texts.reduce(0) { $0 + $1.count })
        var starts = [Int32]()
        starts.reserveCapacity(texts.count + 1)
        for t in texts {
            starts.append(Int32(bytes.count))
            bytes += t
        }
        starts.append(Int32(bytes.count))
        var capacity = 16
        while capacity < texts.count * 2 { capacity <<= 1 }
        var slots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        bytes.withUnsafeBufferPointer { all in
            for id in texts.indices {
                let s = Int(starts[id]), e = Int(starts[id + 1])
                let key = UnsafeBufferPointer(rebasing: all[s..<e])
                var i = Int(truncatingIfNeeded: Self.hash(key)) & mask
                while slots[i] >= 0 {
                    let other = Int(slots[i])
                    if Self.equal(key, UnsafeBufferPointer(rebasing: all[Int(starts[other])..<Int(starts[other + 1])])) {
                        break   // later id replaces the earlier one
                    }
                    i = (i + 1) & mask
                }
                slots[i] = Int32(id)
            }
        }
        self.bytes = bytes
        self.starts = starts
        self.slots = slots
        self.mask = mask
    }

    /// The id whose text is exactly `key`, or nil.
    func id(of key: UnsafeBufferPointer<UInt8>) -> Int32? {
        bytes.withUnsafeBufferPointer { all in
            var i = Int(truncatingIfNeeded: Self.hash(key)) & mask
            while true {
                let id = slots[i]
                if id < 0 { return nil }
                let s = Int(starts[Int(id)]), e = Int(starts[Int(id) + 1])
                if Self.equal(key, UnsafeBufferPointer(rebasing: all[s..<e])) { return id }
                i = (i + 1) & mask
            }
        }
    }

    func id(of key: [UInt8]) -> Int32? { key.withUnsafeBufferPointer { id(of: $0) } }

    /// FNV-1a, 64-bit: short keys, fast enough, no allocation.
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h ^ (h >> 29)
    }

    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        if a.count == 0 { return true }
        return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
