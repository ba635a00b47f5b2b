extension FountainDocument {
    /// The document's bytes exactly as read (BOM, line endings, trailing
    /// whitespace, missing final newline), including any edits made with
    /// `replaceLines`.
    public var bytes: [UInt8] { source.originalBytes }

    /// The source as a String (BOM included as U+FEFF when present).
    public var sourceString: String { String(decoding: bytes, as: UTF8.self) }
}
