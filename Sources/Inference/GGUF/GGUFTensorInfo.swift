/// Where one tensor lives in a GGUF file and what shape it has.
///
/// `dimensions` is ggml's `ne`, innermost first: a weight with
/// `ne = [in, out]` stores `out` rows of `in` values. `offset` is relative to
/// the file's data section (``GGUFFile/dataOffset``), as stored.
public struct GGUFTensorInfo: Sendable, Equatable {
    public let name: String
    public let dimensions: [Int]
    public let type: GGMLType
    public let offset: Int
    /// Product of `dimensions` (1 for a zero-dimensional tensor).
    public let elementCount: Int
    /// Bytes of data: `elementCount / type.blockSize * type.bytesPerBlock`.
    public let byteCount: Int
}
