/// Text to token ids and back for a SentencePiece ("llama") vocabulary,
/// matching llama.cpp's `llm_tokenizer_spm` (see the reference page): special
/// tokens split out first, spaces escaped to U+2581, then the score-priority
/// merge of adjacent pieces with byte fallback `<0xXX>`.
public struct SentencePieceTokenizer: Sendable {
    public let vocabulary: Vocabulary
    private let plainSplitter: SpecialTokenSplitter     // user-defined tokens only
    private let specialSplitter: SpecialTokenSplitter   // plus control and unknown

    public init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        func tokens(parseSpecial: Bool) -> [(id: Int32, text: [UInt8])] {
            vocabulary.kinds.indices.compactMap { i in
                vocabulary.kinds[i].isSplitFirst(parseSpecial: parseSpecial) ? (Int32(i), vocabulary.texts[i]) : nil
            }
        }
        plainSplitter = SpecialTokenSplitter(tokens: tokens(parseSpecial: false))
        specialSplitter = SpecialTokenSplitter(tokens: tokens(parseSpecial: true))
    }

    /// Loads the vocabulary of a GGUF model.
    public init(gguf file: GGUFFile) throws {
        self.init(vocabulary: try Vocabulary(gguf: file))
    }

    // MARK: - Encoding

    /// Token ids for `text`.
    /// - Parameters:
    ///   - addBOS: prepend BOS (and append EOS) when the vocabulary asks for
    ///     them (`add_bos_token`/`add_eos_token`), as llama.cpp's `add_special`.
    ///   - parseSpecial: treat control-token text such as `<start_of_turn>` as
    ///     that token; when false it is tokenized as plain text.
    ///     User-defined tokens always match.
    public func encode(_ text: String, addBOS: Bool, parseSpecial: Bool) -> [Int32] {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { encode(UnsafeBufferPointer($0), addBOS: addBOS, parseSpecial: parseSpecial) }
    }

    func encode(_ text: UnsafeBufferPointer<UInt8>, addBOS: Bool, parseSpecial: Bool) -> [Int32] {
        var output = [Int32]()
        output.reserveCapacity(text.count / 3 + 2)
        var previousWasSpecial = true
        if addBOS, vocabulary.addBOS, let bos = vocabulary.bosID {
            output.append(bos)
        }
        let splitter = parseSpecial ? specialSplitter : plainSplitter
        var escaped = [UInt8]()
        for fragment in splitter.split(text) {
            switch fragment {
            case .token(let id):
                output.append(id)
                previousWasSpecial = true
            case .text(let range):
                escaped.removeAll(keepingCapacity: true)
                if vocabulary.addSpacePrefix && previousWasSpecial { escaped += [0xE2, 0x96, 0x81] }
                for b in text[range] {
                    if b == 0x20 { escaped += [0xE2, 0x96, 0x81] } else { escaped.append(b) }
                }
                escaped.withUnsafeBufferPointer { mergePieces($0, into: &output) }
                previousWasSpecial = false
            }
        }
        if addBOS, vocabulary.addEOS, let eos = vocabulary.eosID {
            output.append(eos)
        }
        return output
    }

    /// The SentencePiece merge over one escaped fragment (llama.cpp
    /// `llm_tokenizer_spm_session::tokenize`).
    private func mergePieces(_ text: UnsafeBufferPointer<UInt8>, into output: inout [Int32]) {
        // Symbols start as UTF-8 characters: start, byte length and links.
        var start = [Int32](), length = [Int32](), prev = [Int32](), next = [Int32]()
        start.reserveCapacity(text.count); length.reserveCapacity(text.count)
        var offset = 0
        while offset < text.count {
            let n = min(Self.utf8Length(text[offset]), text.count - offset)
            start.append(Int32(offset))
            length.append(Int32(n))
            offset += n
        }
        let count = start.count
        prev = (0..<count).map { Int32($0 - 1) }
        next = (0..<count).map { $0 + 1 < count ? Int32($0 + 1) : -1 }

        var queue = BigramQueue(capacity: count * 2)
        func tryAdd(_ left: Int32, _ right: Int32) {
            guard left >= 0, right >= 0 else { return }
            let s = Int(start[Int(left)])
            let size = Int(length[Int(left)] + length[Int(right)])
            guard let id = vocabulary.index.id(of: UnsafeBufferPointer(rebasing: text[s..<(s + size)])) else { return }
            queue.push(Bigram(score: vocabulary.scores[Int(id)], left: left, right: right, size: Int32(size)))
        }
        for i in 1..<max(count, 1) { tryAdd(Int32(i - 1), Int32(i)) }

        while let b = queue.pop() {
            let l = Int(b.left), r = Int(b.right)
            // Skip bigrams whose symbols have since been merged elsewhere.
            guard length[l] > 0, length[r] > 0, length[l] + length[r] == b.size else { continue }
            length[l] += length[r]
            length[r] = 0
            next[l] = next[r]
            if next[r] >= 0 { prev[Int(next[r])] = b.left }
            tryAdd(prev[l], b.left)
            tryAdd(b.left, next[l])
        }

        var i: Int32 = count > 0 ? 0 : -1
        while i >= 0 {
            let s = Int(start[Int(i)]), n = Int(length[Int(i)])
            if let id = vocabulary.index.id(of: UnsafeBufferPointer(rebasing: text[s..<(s + n)])) {
                output.append(id)
            } else {
                // Merged symbols are always tokens, so this is one character
                // absent from the vocabulary: its bytes as byte tokens.
                for byte in text[s..<(s + n)] {
                    if let id = vocabulary.byteTokens[Int(byte)] ?? vocabulary.unknownID { output.append(id) }
                }
            }
            i = next[Int(i)]
        }
    }

    /// UTF-8 sequence length from the lead byte (llama.cpp `unicode_len_utf8`:
    /// a stray continuation byte counts as one).
    @inline(__always)
    static func utf8Length(_ lead: UInt8) -> Int {
        switch lead >> 4 {
        case 0xC, 0xD: 2
        case 0xE: 3
        case 0xF: 4
        default: 1
        }
    }

    // MARK: - Decoding

    /// The bytes token `id` stands for (llama.cpp `token_to_piece`): normal
    /// tokens with U+2581 turned back into spaces, byte tokens as their byte,
    /// user-defined tokens verbatim, control and unknown tokens only when
    /// `renderSpecial` (else nothing). Unused and out-of-range ids give nothing.
    public func pieceBytes(_ id: Int32, renderSpecial: Bool = false) -> [UInt8] {
        guard id >= 0, Int(id) < vocabulary.count else { return [] }
        let text = vocabulary.texts[Int(id)]
        switch vocabulary.kinds[Int(id)] {
        case .control, .unknown: return renderSpecial ? text : []
        case .userDefined: return text
        case .normal: return Self.unescapeSpaces(text)
        case .byte: return Self.byteValue(text).map { [$0] } ?? []
        case .unused, .undefined: return []
        }
    }

    /// Text of `ids` concatenated. Bytes that do not form valid UTF-8 become
    /// U+FFFD. For incremental output use ``StreamingDetokenizer``.
    public func decode(_ ids: [Int32], renderSpecial: Bool = false) -> String {
        var bytes = [UInt8]()
        for id in ids { bytes += pieceBytes(id, renderSpecial: renderSpecial) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A streaming detokenizer over this vocabulary.
    public func streamingDetokenizer(renderSpecial: Bool = false) -> StreamingDetokenizer {
        StreamingDetokenizer(tokenizer: self, renderSpecial: renderSpecial)
    }

    private static func unescapeSpaces(_ text: [UInt8]) -> [UInt8] {
        guard text.count >= 3 else { return text }
        var out = [UInt8]()
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            if i + 2 < text.count, text[i] == 0xE2, text[i + 1] == 0x96, text[i + 2] == 0x81 {
                out.append(0x20)
                i += 3
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return out
    }

    /// "<0xXX>" -> XX (llama.cpp `token_to_byte` for SentencePiece).
    private static func byteValue(_ text: [UInt8]) -> UInt8? {
        guard text.count == 6, text[0] == 0x3C, text[1] == 0x30, text[2] == 0x78, text[5] == 0x3E,
              let v = UInt8(String(decoding: text[3..<5], as: UTF8.self), radix: 16) else {
            return text.count == 1 ? text[0] : nil
        }
        return v
    }
}
