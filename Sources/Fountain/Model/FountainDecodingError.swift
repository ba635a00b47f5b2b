/// Why raw bytes could not be read as a Fountain screenplay.
public struct FountainDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong with the bytes.
    public enum Reason: Sendable, Hashable {
        /// The bytes at `offset` are not valid UTF-8.
        case invalidUTF8
        /// A NUL or other control byte that never occurs in text (binary data).
        case binaryData
    }

    public var reason: Reason
    /// Byte offset in the input as given (BOM included).
    public var offset: Int

    public init(reason: Reason, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        switch reason {
        case .invalidUTF8: "invalid UTF-8 at byte offset \(offset)"
        case .binaryData: "binary data (control byte) at byte offset \(offset); not a text file"
        }
    }
}
