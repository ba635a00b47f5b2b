import Foundation

/// An open, validated GGUF model file (versions 2 and 3).
///
/// Opening reads and checks the whole header (see ``GGUFError`` for what is
/// rejected) and memory-maps the file; tensor bytes are not read until used.
/// The object owns the mapping: buffers from ``bytes(of:)`` stay valid while
/// the `GGUFFile` is alive and must not outlive it. Immutable, so it may be
/// shared between threads.
public final class GGUFFile: Sendable {
    /// The path opened, or nil for in-memory input.
    public let path: String?
    public let version: UInt32
    /// Every metadata value by key.
    public let metadata: [String: GGUFValue]
    /// Metadata keys in file order.
    public let metadataKeys: [String]
    /// Tensor infos in file order.
    public let tensors: [GGUFTensorInfo]
    /// `general.alignment`, or 32 when absent.
    public let alignment: Int
    /// Byte offset of the data section (tensor offsets are relative to it).
    public let dataOffset: Int
    private let tensorIndex: [String: Int]
    private let mapping: GGUFFileMapping

    /// Maps and validates the file at `path`.
    /// - Throws: ``GGUFError`` naming what is wrong and where.
    public convenience init(path: String) throws {
        try self.init(mapping: try GGUFFileMapping(path: path), path: path)
    }

    /// Validates a GGUF image held in memory (copied).
    public convenience init(bytes: some Collection<UInt8>) throws {
        let array = Array(bytes)
        let mapping = array.withUnsafeBytes { GGUFFileMapping(copying: $0) }
        try self.init(mapping: mapping, path: nil)
    }

    private init(mapping: GGUFFileMapping, path: String?) throws {
        let header = try GGUFParser.parse(mapping.bytes)
        self.mapping = mapping
        self.path = path
        version = header.version
        metadata = header.metadata
        metadataKeys = header.metadataKeys
        tensors = header.tensors
        alignment = header.alignment
        dataOffset = header.dataOffset
        var index = [String: Int](minimumCapacity: header.tensors.count)
        for (i, t) in header.tensors.enumerated() { index[t.name] = i }
        tensorIndex = index
    }

    /// Size of the file in bytes.
    public var fileSize: Int { mapping.bytes.count }

    public subscript(key: String) -> GGUFValue? { metadata[key] }

    public func tensor(named name: String) -> GGUFTensorInfo? {
        tensorIndex[name].map { tensors[$0] }
    }

    /// The raw bytes of a tensor of this file, valid while `self` lives.
    /// The range was checked at open, so this cannot go out of bounds for
    /// infos taken from `tensors`.
    public func bytes(of tensor: GGUFTensorInfo) -> UnsafeRawBufferPointer {
        let start = dataOffset + tensor.offset
        precondition(start >= dataOffset && start + tensor.byteCount <= mapping.bytes.count,
                     "tensor info does not belong to this file")
        return UnsafeRawBufferPointer(rebasing: mapping.bytes[start..<(start + tensor.byteCount)])
    }

    // MARK: - Typed metadata access

    /// A required string value. Throws if absent or not a string.
    public func requireString(_ key: String) throws -> String {
        guard let v = metadata[key] else { throw GGUFError.missingKey(key) }
        guard let s = v.string else { throw GGUFError.wrongMetadataType(key: key, expected: "string", found: v.type) }
        return s
    }

    /// A required integer value. Throws if absent or not an integer.
    public func requireInt(_ key: String) throws -> Int {
        guard let v = metadata[key] else { throw GGUFError.missingKey(key) }
        guard let i = v.int else { throw GGUFError.wrongMetadataType(key: key, expected: "integer", found: v.type) }
        return i
    }

    /// A required float value (integers convert). Throws if absent or not numeric.
    public func requireFloat(_ key: String) throws -> Float {
        guard let v = metadata[key] else { throw GGUFError.missingKey(key) }
        guard let f = v.float else { throw GGUFError.wrongMetadataType(key: key, expected: "float", found: v.type) }
        return f
    }

    /// A required array value. Throws if absent or not an array.
    public func requireArray(_ key: String) throws -> GGUFArray {
        guard let v = metadata[key] else { throw GGUFError.missingKey(key) }
        guard let a = v.array else { throw GGUFError.wrongMetadataType(key: key, expected: "array", found: v.type) }
        return a
    }
}
