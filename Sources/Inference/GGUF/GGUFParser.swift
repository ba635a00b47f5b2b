/// Parses and validates a whole GGUF header (metadata and tensor infos) from
/// bytes. Nothing here trusts a count or length before checking it against
/// the bytes left; the result describes only tensors whose data lies inside
/// the buffer, aligned and without overlap.
///
/// Layout (gguf.h, versions 2 and 3): "GGUF", u32 version, u64 tensor count,
/// u64 key/value count, the key/values, the tensor infos, padding to the
/// alignment, then the data section.
struct GGUFParser {
    /// Deepest nesting of arrays accepted; real files use at most 1.
    static let maxArrayDepth = 8
    static let defaultAlignment = 32

    struct Header {
        var version: UInt32
        var metadata: [String: GGUFValue]
        var metadataKeys: [String]
        var tensors: [GGUFTensorInfo]
        var alignment: Int
        var dataOffset: Int
    }

    static func parse(_ bytes: UnsafeRawBufferPointer) throws -> Header {
        var cursor = GGUFByteCursor(bytes)
        guard bytes.count >= 4 else {
            if bytes.count == 0 { throw GGUFError.truncated(offset: 0, needed: 4, reading: "magic (the file is empty)") }
            throw GGUFError.badMagic(found: Array(bytes))
        }
        let magic = Array(try cursor.readBytes(4, "magic"))
        guard magic == [0x47, 0x47, 0x55, 0x46] else { throw GGUFError.badMagic(found: magic) }
        let version = try cursor.read(UInt32.self, "version")
        guard version == 2 || version == 3 else { throw GGUFError.unsupportedVersion(version) }
        // Smallest tensor info: name length 8, n_dims 4, type 4, offset 8.
        let tensorCount = try cursor.readCount("tensor count", minimumSize: 24)
        // Smallest key/value: key length 8, type 4, a one-byte value.
        let kvCount = try cursor.readCount("metadata key/value count", minimumSize: 13)

        var metadata = [String: GGUFValue](minimumCapacity: kvCount)
        var keys = [String]()
        keys.reserveCapacity(kvCount)
        for _ in 0..<kvCount {
            let at = cursor.offset
            let key = try cursor.readString("metadata key")
            let typeAt = cursor.offset
            let rawType = try cursor.read(UInt32.self, "value type of key '\(key)'")
            guard let type = GGUFValueType(rawValue: rawType) else {
                throw GGUFError.invalidValueType(raw: rawType, key: key, offset: typeAt)
            }
            let value = try readValue(type, key: key, depth: 0, &cursor)
            guard metadata.updateValue(value, forKey: key) == nil else {
                throw GGUFError.duplicateKey(key, offset: at)
            }
            keys.append(key)
        }

        let alignment = try readAlignment(metadata)
        var tensors = [GGUFTensorInfo]()
        tensors.reserveCapacity(tensorCount)
        var names = Set<String>(minimumCapacity: tensorCount)
        var rawOffsets = [UInt64]()
        rawOffsets.reserveCapacity(tensorCount)
        for _ in 0..<tensorCount {
            let at = cursor.offset
            let (info, rawOffset) = try readTensorInfo(&cursor, alignment: alignment)
            guard names.insert(info.name).inserted else {
                throw GGUFError.duplicateTensorName(info.name, offset: at)
            }
            tensors.append(info)
            rawOffsets.append(rawOffset)
        }

        let headerEnd = cursor.offset
        let (padded, overflow) = headerEnd.addingReportingOverflow((alignment - headerEnd % alignment) % alignment)
        let dataOffset = overflow ? Int.max : padded
        try checkDataRanges(tensors, dataOffset: dataOffset, fileSize: bytes.count)
        return Header(version: version, metadata: metadata, metadataKeys: keys,
                      tensors: tensors, alignment: alignment, dataOffset: dataOffset)
    }

    // MARK: - Metadata values

    private static func readValue(_ type: GGUFValueType, key: String, depth: Int,
                                  _ c: inout GGUFByteCursor) throws -> GGUFValue {
        let what = "value of key '\(key)'"
        switch type {
        case .uint8: return .uint8(try c.read(UInt8.self, what))
        case .int8: return .int8(try c.read(Int8.self, what))
        case .uint16: return .uint16(try c.read(UInt16.self, what))
        case .int16: return .int16(try c.read(Int16.self, what))
        case .uint32: return .uint32(try c.read(UInt32.self, what))
        case .int32: return .int32(try c.read(Int32.self, what))
        case .uint64: return .uint64(try c.read(UInt64.self, what))
        case .int64: return .int64(try c.read(Int64.self, what))
        case .float32: return .float32(try c.readFloat(what))
        case .float64: return .float64(try c.readDouble(what))
        case .bool: return .bool(try readBool(&c, what))
        case .string: return .string(try c.readString("string value of key '\(key)'"))
        case .array: return .array(try readArray(key: key, depth: depth, &c))
        }
    }

    private static func readBool(_ c: inout GGUFByteCursor, _ what: @autoclosure () -> String) throws -> Bool {
        // Any non-zero byte is true, as in gguf.cpp; rejecting would gain nothing.
        try c.read(UInt8.self, what()) != 0
    }

    private static func readArray(key: String, depth: Int, _ c: inout GGUFByteCursor) throws -> GGUFArray {
        let at = c.offset
        guard depth < maxArrayDepth else { throw GGUFError.nestingTooDeep(key: key, offset: at) }
        let rawType = try c.read(UInt32.self, "array element type of key '\(key)'")
        guard let type = GGUFValueType(rawValue: rawType) else {
            throw GGUFError.invalidValueType(raw: rawType, key: key, offset: at)
        }
        let n = try c.readCount("array length of key '\(key)'", minimumSize: type.minimumEncodedSize)
        let what = "array of key '\(key)'"
        switch type {
        case .uint8: return .uint8(try readScalars(n, &c, what))
        case .int8: return .int8(try readScalars(n, &c, what))
        case .uint16: return .uint16(try readScalars(n, &c, what))
        case .int16: return .int16(try readScalars(n, &c, what))
        case .uint32: return .uint32(try readScalars(n, &c, what))
        case .int32: return .int32(try readScalars(n, &c, what))
        case .uint64: return .uint64(try readScalars(n, &c, what))
        case .int64: return .int64(try readScalars(n, &c, what))
        case .float32:
            let bits: [UInt32] = try readScalars(n, &c, what)
            return .float32(bits.map { Float(bitPattern: $0) })
        case .float64:
            let bits: [UInt64] = try readScalars(n, &c, what)
            return .float64(bits.map { Double(bitPattern: $0) })
        case .bool:
            let raw: [UInt8] = try readScalars(n, &c, what)
            return .bool(raw.map { $0 != 0 })
        case .string:
            var out = [String]()
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try c.readString("string in array of key '\(key)'")) }
            return .string(out)
        case .array:
            var out = [GGUFArray]()
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try readArray(key: key, depth: depth + 1, &c)) }
            return .array(out)
        }
    }

    /// Reads `n` little-endian integers in one pass (the count was already
    /// bounded by the bytes left).
    private static func readScalars<T: FixedWidthInteger>(_ n: Int, _ c: inout GGUFByteCursor,
                                                          _ what: String) throws -> [T] {
        let raw = try c.readBytes(n * MemoryLayout<T>.size, what)
        return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n {
                buffer[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self))
            }
            initialized = n
        }
    }

    private static func readAlignment(_ metadata: [String: GGUFValue]) throws -> Int {
        guard let value = metadata["general.alignment"] else { return defaultAlignment }
        // gguf.cpp requires uint32; accept any integer type but a power of two only.
        guard let raw = value.int else {
            throw GGUFError.wrongMetadataType(key: "general.alignment", expected: "uint32", found: value.type)
        }
        guard raw > 0, raw & (raw - 1) == 0, raw <= 1 << 30 else {
            throw GGUFError.invalidAlignment(UInt64(truncatingIfNeeded: raw))
        }
        return raw
    }

    // MARK: - Tensor infos

    private static func readTensorInfo(_ c: inout GGUFByteCursor, alignment: Int) throws -> (GGUFTensorInfo, UInt64) {
        let name = try c.readString("tensor name")
        let nDims = try c.read(UInt32.self, "dimension count of tensor '\(name)'")
        guard nDims <= 4 else { throw GGUFError.badDimensionCount(tensor: name, count: nDims) }
        var dims = [Int]()
        dims.reserveCapacity(Int(nDims))
        var elements = 1
        for i in 0..<Int(nDims) {
            let d = try c.read(UInt64.self, "dimension \(i) of tensor '\(name)'")
            guard d >= 1 else { throw GGUFError.badDimension(tensor: name, index: i, value: d) }
            guard let di = Int(exactly: d) else { throw GGUFError.elementCountOverflow(tensor: name) }
            let (product, overflow) = elements.multipliedReportingOverflow(by: di)
            guard !overflow else { throw GGUFError.elementCountOverflow(tensor: name) }
            elements = product
            dims.append(di)
        }
        let rawType = try c.read(UInt32.self, "type of tensor '\(name)'")
        guard let type = GGMLType(rawValue: rawType) else {
            throw GGUFError.unknownTensorType(tensor: name, raw: rawType)
        }
        let first = dims.first ?? 1
        guard first % type.blockSize == 0 else {
            throw GGUFError.shapeNotBlockMultiple(tensor: name, firstDimension: first, type: type)
        }
        guard let byteCount = type.byteCount(elements: elements) else {
            throw GGUFError.elementCountOverflow(tensor: name)
        }
        let rawOffset = try c.read(UInt64.self, "data offset of tensor '\(name)'")
        guard rawOffset % UInt64(alignment) == 0 else {
            throw GGUFError.misalignedTensorData(tensor: name, offset: rawOffset, alignment: alignment)
        }
        // Offsets past Int.max cannot be inside any file; report as out of bounds later.
        let offset = Int(exactly: rawOffset) ?? Int.max
        let info = GGUFTensorInfo(name: name, dimensions: dims, type: type, offset: offset,
                                  elementCount: elements, byteCount: byteCount)
        return (info, rawOffset)
    }

    private static func checkDataRanges(_ tensors: [GGUFTensorInfo], dataOffset: Int, fileSize: Int) throws {
        var ranges = [(start: Int, end: Int, name: String)]()
        ranges.reserveCapacity(tensors.count)
        for t in tensors {
            let (start, o1) = dataOffset.addingReportingOverflow(t.offset)
            let (end, o2) = start.addingReportingOverflow(t.byteCount)
            guard !o1, !o2, end <= fileSize else {
                throw GGUFError.tensorOutOfBounds(tensor: t.name, start: o1 ? Int.max : start,
                                                  end: (o1 || o2) ? Int.max : end, fileSize: fileSize)
            }
            ranges.append((start, end, t.name))
        }
        ranges.sort { $0.start < $1.start }
        for i in ranges.indices.dropFirst() where ranges[i].start < ranges[i - 1].end {
            // Zero-byte tensors cannot exist (every dimension is at least 1).
            throw GGUFError.overlappingTensors(ranges[i - 1].name, ranges[i].name)
        }
    }
}
