/// Why a GGUF file was rejected. Each description is one line naming what is
/// wrong and where (byte offset, key or tensor name), fit for a CLI error.
public enum GGUFError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case notARegularFile(path: String)
    case truncated(offset: Int, needed: Int, reading: String)
    case badMagic(found: [UInt8])
    case unsupportedVersion(UInt32)
    case countTooLarge(what: String, count: UInt64, offset: Int)
    case lengthTooLarge(what: String, length: UInt64, offset: Int, remaining: Int)
    case invalidValueType(raw: UInt32, key: String, offset: Int)
    case nestingTooDeep(key: String, offset: Int)
    case duplicateKey(String, offset: Int)
    case wrongMetadataType(key: String, expected: String, found: GGUFValueType)
    case invalidAlignment(UInt64)
    case duplicateTensorName(String, offset: Int)
    case badDimensionCount(tensor: String, count: UInt32)
    case badDimension(tensor: String, index: Int, value: UInt64)
    case elementCountOverflow(tensor: String)
    case unknownTensorType(tensor: String, raw: UInt32)
    case shapeNotBlockMultiple(tensor: String, firstDimension: Int, type: GGMLType)
    case misalignedTensorData(tensor: String, offset: UInt64, alignment: Int)
    case tensorOutOfBounds(tensor: String, start: Int, end: Int, fileSize: Int)
    case overlappingTensors(String, String)
    /// A key a model needs is absent from an otherwise valid file.
    case missingKey(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "cannot open \(path): \(reason)"
        case .notARegularFile(let path):
            "\(path) is not a regular file"
        case .truncated(let offset, let needed, let reading):
            "truncated GGUF file: \(needed) bytes needed at byte \(offset) reading \(reading)"
        case .badMagic(let found):
            "not a GGUF file: magic is \(found.map { String(format2: $0) }.joined(separator: " ")), expected 47 47 55 46 (\"GGUF\")"
        case .unsupportedVersion(let v):
            "unsupported GGUF version \(v) (supported: 2, 3)"
        case .countTooLarge(let what, let count, let offset):
            "\(what) \(count) at byte \(offset) cannot fit in the file"
        case .lengthTooLarge(let what, let length, let offset, let remaining):
            "\(what) length \(length) at byte \(offset) exceeds the \(remaining) bytes left in the file"
        case .invalidValueType(let raw, let key, let offset):
            "invalid value type \(raw) for key '\(key)' at byte \(offset)"
        case .nestingTooDeep(let key, let offset):
            "arrays nested too deeply in key '\(key)' at byte \(offset)"
        case .duplicateKey(let key, let offset):
            "duplicate metadata key '\(key)' at byte \(offset)"
        case .wrongMetadataType(let key, let expected, let found):
            "metadata key '\(key)' is \(found), expected \(expected)"
        case .invalidAlignment(let a):
            "general.alignment \(a) is not a power of two"
        case .duplicateTensorName(let name, let offset):
            "duplicate tensor name '\(name)' at byte \(offset)"
        case .badDimensionCount(let tensor, let count):
            "tensor '\(tensor)' has \(count) dimensions (at most 4)"
        case .badDimension(let tensor, let index, let value):
            "tensor '\(tensor)' dimension \(index) is \(value) (must be at least 1)"
        case .elementCountOverflow(let tensor):
            "tensor '\(tensor)' element count or byte size overflows"
        case .unknownTensorType(let tensor, let raw):
            "tensor '\(tensor)' has unknown ggml type \(raw)"
        case .shapeNotBlockMultiple(let tensor, let first, let type):
            "tensor '\(tensor)' first dimension \(first) is not a multiple of \(type)'s block size \(type.blockSize)"
        case .misalignedTensorData(let tensor, let offset, let alignment):
            "tensor '\(tensor)' data offset \(offset) is not a multiple of the alignment \(alignment)"
        case .tensorOutOfBounds(let tensor, let start, let end, let size):
            "tensor '\(tensor)' data bytes \(start)..<\(end) lie outside the \(size)-byte file"
        case .overlappingTensors(let a, let b):
            "tensors '\(a)' and '\(b)' overlap in the data section"
        case .missingKey(let key):
            "GGUF metadata key '\(key)' is missing"
        }
    }
}

private extension String {
    init(format2 byte: UInt8) {
        let hex = String(byte, radix: 16, uppercase: true)
        self = hex.count == 1 ? "0" + hex : hex
    }
}
