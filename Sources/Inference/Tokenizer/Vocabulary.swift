/// A SentencePiece ("llama") vocabulary as a GGUF file stores it: token texts
/// (with U+2581 for spaces), scores, kinds and the special ids. Loaded the way
/// llama.cpp's `llama_vocab::load` does, including its defaults.
public struct Vocabulary: Sendable {
    /// Raw UTF-8 of each token's text.
    let texts: [[UInt8]]
    public let scores: [Float]
    public let kinds: [TokenKind]
    let index: TokenTextIndex
    /// Id of `<0xXX>` for each byte value, or nil where the vocabulary lacks one.
    let byteTokens: [Int32?]

    public let bosID: Int32?
    public let eosID: Int32?
    public let unknownID: Int32?
    public let paddingID: Int32?
    /// End of turn (`<end_of_turn>` in Gemma), if the vocabulary has one.
    public let endOfTurnID: Int32?
    public let addBOS: Bool
    public let addEOS: Bool
    public let addSpacePrefix: Bool

    public var count: Int { texts.count }

    /// Token ids that end a generation (eos, end of turn…), as llama.cpp's
    /// `special_eog_ids`.
    public var endOfGenerationIDs: Set<Int32> {
        Set([eosID, endOfTurnID].compactMap { $0 })
    }

    /// The token's text as stored (U+2581 not unescaped).
    public func text(of id: Int32) -> String {
        guard id >= 0, Int(id) < texts.count else { return "" }
        return String(decoding: texts[Int(id)], as: UTF8.self)
    }

    public func kind(of id: Int32) -> TokenKind {
        guard id >= 0, Int(id) < kinds.count else { return .undefined }
        return kinds[Int(id)]
    }

    /// The id whose text is exactly `text` (byte-wise), if any.
    public func id(ofText text: String) -> Int32? { index.id(of: Array(text.utf8)) }

    init(texts rawTexts: [[UInt8]], scores: [Float], kinds: [TokenKind],
         bosID: Int32?, eosID: Int32?, unknownID: Int32?, paddingID: Int32?, endOfTurnID: Int32?,
         addBOS: Bool, addEOS: Bool, addSpacePrefix: Bool) {
        // llama.cpp renames empty texts so they can never match input.
        let texts = rawTexts.enumerated().map { i, t in t.isEmpty ? Array("[EMPTY_\(i)]".utf8) : t }
        self.texts = texts
        self.scores = scores
        self.kinds = kinds
        let index = TokenTextIndex(texts: texts)
        self.index = index
        let hex = Array("0123456789ABCDEF".utf8)
        byteTokens = (0..<256).map { b in
            let name: [UInt8] = [0x3C, 0x30, 0x78, hex[b >> 4], hex[b & 15], 0x3E]   // "<0xXX>"
            return index.id(of: name) ?? index.id(of: [UInt8(b)])
        }
        self.bosID = bosID
        self.eosID = eosID
        self.unknownID = unknownID
        self.paddingID = paddingID
        self.endOfTurnID = endOfTurnID
        self.addBOS = addBOS
        self.addEOS = addEOS
        self.addSpacePrefix = addSpacePrefix
    }
}

extension Vocabulary {
    /// Reads the `tokenizer.ggml.*` keys of `file`.
    /// - Throws: ``TokenizerError`` if the model is not SentencePiece or the
    ///   arrays disagree; ``GGUFError`` for missing or mistyped keys.
    public init(gguf file: GGUFFile) throws {
        let model = try file.requireString("tokenizer.ggml.model")
        guard model == "llama" else { throw TokenizerError.unsupportedModel(model) }
        guard let tokens = try file.requireArray("tokenizer.ggml.tokens").strings else {
            throw GGUFError.wrongMetadataType(key: "tokenizer.ggml.tokens", expected: "array of string", found: .array)
        }
        let n = tokens.count
        guard n > 0, n <= Int(Int32.max) else { throw TokenizerError.badVocabularySize(n) }
        var scores = [Float](repeating: 0, count: n)
        if let a = file["tokenizer.ggml.scores"] {
            guard let s = a.array?.floats, s.count == n else {
                throw TokenizerError.arrayLengthMismatch(key: "tokenizer.ggml.scores", expected: n, found: a.array?.count ?? 0)
            }
            scores = s
        }
        var kinds = [TokenKind](repeating: .normal, count: n)
        if let a = file["tokenizer.ggml.token_type"] {
            guard let k = a.array?.ints, k.count == n else {
                throw TokenizerError.arrayLengthMismatch(key: "tokenizer.ggml.token_type", expected: n, found: a.array?.count ?? 0)
            }
            kinds = k.map { TokenKind(rawValue: Int32(truncatingIfNeeded: $0)) ?? .undefined }
        }
        // SentencePiece defaults from llama.cpp, replaced by the file's ids when in range.
        func special(_ key: String, default d: Int32?) -> Int32? {
            guard let v = file[key]?.int else { return d }
            return v >= 0 && v < n ? Int32(v) : d
        }
        func flag(_ key: String, default d: Bool) -> Bool { file[key]?.bool ?? d }
        let texts = tokens.map { Array($0.utf8) }
        let eotTexts: Set<[UInt8]> = Set(["<end_of_turn>", "<|eot_id|>", "<|im_end|>", "<|end|>", "<EOT>", "<|endoftext|>"].map { Array($0.utf8) })
        let eotByText = texts.firstIndex { eotTexts.contains($0) }.map { Int32($0) }
        self.init(texts: texts, scores: scores, kinds: kinds,
                  bosID: special("tokenizer.ggml.bos_token_id", default: n > 1 ? 1 : nil),
                  eosID: special("tokenizer.ggml.eos_token_id", default: n > 2 ? 2 : nil),
                  unknownID: special("tokenizer.ggml.unknown_token_id", default: 0),
                  paddingID: special("tokenizer.ggml.padding_token_id", default: nil),
                  endOfTurnID: special("tokenizer.ggml.eot_token_id", default: eotByText),
                  addBOS: flag("tokenizer.ggml.add_bos_token", default: true),
                  addEOS: flag("tokenizer.ggml.add_eos_token", default: false),
                  addSpacePrefix: flag("tokenizer.ggml.add_space_prefix", default: true))
    }
}
