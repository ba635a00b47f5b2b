import Foundation
import Testing
@testable import Inference

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalEqualsOneShotAtEveryBoundary() {
        let data = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = SHA256.hex(of: data)
        for split in [0, 1, 55, 56, 63, 64, 65, 128, 299] {
            var h = SHA256()
            h.update(Array(data[..<split]))
            h.update(Array(data[split...]))
            #expect(h.finalizeHex() == whole, "split \(split)")
        }
    }

    @Test func fileHashMatchesInMemoryHash() throws {
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 131) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID())")
        try Data(data).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try ModelFileVerifier.sha256(path: url.path) == SHA256.hex(of: data))
    }
}
