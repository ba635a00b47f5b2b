import Foundation
import Testing
@testable import Fountain

@Suite struct DeflateTests {
    /// Inflates with Python's zlib: an independent decoder.
    private func inflate(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sys, zlib; sys.stdout.buffer.write(zlib.decompress(sys.stdin.buffer.read()))"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let writer = Thread { input.fileHandleForWriting.write(Data(bytes)); try? input.fileHandleForWriting.close() }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return Array(data)
    }

    @Test(arguments: [0, 1, 2, 3, 100, 40_000, 300_000])
    func roundTripsThroughZlib(size: Int) throws {
        var generator = SystemRandomNumberGenerator()
        // Half text-like repetition (long matches, far distances), half noise.
        let words = ["BT ", "/C0 12 Tf ", "1 0 0 1 108 ", "(MARLOWE) Tj\n", "ET\n", "700.5 Tm "]
        var data: [UInt8] = []
        while data.count < size {
            if Bool.random(using: &generator) {
                data += Array(words.randomElement(using: &generator)!.utf8)
            } else {
                data.append(UInt8.random(in: 0...255, using: &generator))
            }
        }
        data = Array(data.prefix(size))
        let compressed = Deflate.zlib(data)
        #expect(try inflate(compressed) == data)
    }

    @Test func repetitiveContentShrinks() throws {
        let line = Array("1 0 0 1 108 700.5 Tm (Marlowe kneels at the dial.) Tj\n".utf8)
        let data = Array((0..<2000).map { _ in line }.joined())
        let compressed = Deflate.zlib(data)
        #expect(compressed.count * 20 < data.count)
        #expect(try inflate(compressed) == data)
    }

    @Test func adler32MatchesKnownValue() {
        // RFC 1950's definition applied to "Wikipedia" gives 0x11E60398.
        #expect(Deflate.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }
}
