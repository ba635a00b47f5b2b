import Foundation
@testable import Inference

/// Token ids llama.cpp produced (scripts/make-golden-tokens) and the
/// comparison every golden tokenizer test runs.
struct GoldenTokens: Decodable {
    struct Case: Decodable {
        let text: String
        let plain: [Int32]
        let special: [Int32]
        let nobos: [Int32]
        let pieces: String
        let roundtrip: Bool
    }

    let model: String
    let model_sha256: String
    let cases: [Case]

    static func load(_ name: String) throws -> GoldenTokens {
        try JSONDecoder().decode(GoldenTokens.self, from: Data(contentsOf: Fixtures.golden(name)))
    }

    /// Compares `tokenizer` with every case; returns one line per mismatch.
    func mismatches(_ tokenizer: SentencePieceTokenizer) -> [String] {
        var out = [String]()
        for (i, c) in cases.enumerated() {
            let label = "case \(i) \(String(reflecting: String(c.text.prefix(40))))"
            let plain = tokenizer.encode(c.text, addBOS: true, parseSpecial: false)
            if plain != c.plain { out.append("\(label) plain: \(Self.diff(plain, c.plain))") }
            let special = tokenizer.encode(c.text, addBOS: true, parseSpecial: true)
            if special != c.special { out.append("\(label) special: \(Self.diff(special, c.special))") }
            let nobos = tokenizer.encode(c.text, addBOS: false, parseSpecial: false)
            if nobos != c.nobos { out.append("\(label) nobos: \(Self.diff(nobos, c.nobos))") }
            let pieces = c.plain.flatMap { tokenizer.pieceBytes($0) }
            if pieces != Self.bytes(hex: c.pieces) { out.append("\(label) pieces differ") }
            if c.roundtrip, tokenizer.decode(c.plain) != c.text { out.append("\(label) does not round-trip") }
        }
        return out
    }

    static func diff(_ got: [Int32], _ want: [Int32]) -> String {
        let at = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
        return "first difference at \(at): got \(Array(got[at...].prefix(6))) want \(Array(want[at...].prefix(6))) (lengths \(got.count)/\(want.count))"
    }

    static func bytes(hex: String) -> [UInt8] {
        let h = Array(hex.utf8)
        return stride(from: 0, to: h.count - 1, by: 2).map { i in
            UInt8(String(decoding: h[i..<(i + 2)], as: UTF8.self), radix: 16)!
        }
    }
}
