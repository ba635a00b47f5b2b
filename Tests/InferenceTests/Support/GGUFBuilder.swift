import Foundation
@testable import Inference

/// Writes GGUF images byte by byte for tests, including deliberately broken
/// ones: every field can be overridden, and raw bytes can be appended.
struct GGUFBuilder {
    struct Tensor {
        var name: String
        var dims: [UInt64]
        var type: UInt32
        var offset: UInt64?       // nil: next aligned offset after the previous tensor
        var nDims: UInt32?        // nil: dims.count
        var data: [UInt8]?        // nil: zeros of the right size
    }

    var magic: [UInt8] = Array("GGUF".utf8)
    var version: UInt32 = 3
    var metadata: [(String, GGUFValue)] = []
    var tensors: [Tensor] = []
    var alignment = 32
    var tensorCountOverride: UInt64?
    var kvCountOverride: UInt64?

    mutating func add(_ key: String, _ value: GGUFValue) { metadata.append((key, value)) }

    mutating func addTensor(_ name: String, dims: [UInt64], type: GGMLType = .f32,
                            offset: UInt64? = nil, data: [UInt8]? = nil) {
        tensors.append(Tensor(name: name, dims: dims, type: type.rawValue, offset: offset, data: data))
    }

    func build() -> [UInt8] {
        var out = [UInt8]()
        out += magic
        put(&out, version)
        put(&out, tensorCountOverride ?? UInt64(tensors.count))
        put(&out, kvCountOverride ?? UInt64(metadata.count))
        for (key, value) in metadata {
            putString(&out, key)
            put(&out, value.type.rawValue)
            putValue(&out, value)
        }
        var next: UInt64 = 0
        var placed = [(UInt64, [UInt8])]()
        for t in tensors {
            putString(&out, t.name)
            put(&out, t.nDims ?? UInt32(t.dims.count))
            for d in t.dims { put(&out, d) }
            put(&out, t.type)
            let offset = t.offset ?? next
            put(&out, offset)
            let size = t.data?.count ?? Self.byteCount(t)
            placed.append((offset, t.data ?? [UInt8](repeating: 0, count: size)))
            next = Self.align(offset &+ UInt64(size), alignment)
        }
        while out.count % alignment != 0 { out.append(0) }
        let dataStart = out.count
        for (offset, bytes) in placed where !bytes.isEmpty {
            let end = dataStart + Int(offset) + bytes.count
            if out.count < end { out += [UInt8](repeating: 0, count: end - out.count) }
            out.replaceSubrange((dataStart + Int(offset))..<end, with: bytes)
        }
        return out
    }

    static func byteCount(_ t: Tensor) -> Int {
        guard let type = GGMLType(rawValue: t.type) else { return 4 }
        let elements = t.dims.reduce(1) { $0 &* Int(truncatingIfNeeded: $1) }
        return type.byteCount(elements: elements) ?? 4
    }

    static func align(_ v: UInt64, _ a: Int) -> UInt64 { (v &+ UInt64(a) &- 1) / UInt64(a) &* UInt64(a) }

    func put<T: FixedWidthInteger>(_ out: inout [UInt8], _ v: T) {
        withUnsafeBytes(of: v.littleEndian) { out += $0 }
    }

    func putString(_ out: inout [UInt8], _ s: String) {
        put(&out, UInt64(s.utf8.count))
        out += Array(s.utf8)
    }

    func putValue(_ out: inout [UInt8], _ v: GGUFValue) {
        switch v {
        case .uint8(let x): put(&out, x)
        case .int8(let x): put(&out, x)
        case .uint16(let x): put(&out, x)
        case .int16(let x): put(&out, x)
        case .uint32(let x): put(&out, x)
        case .int32(let x): put(&out, x)
        case .uint64(let x): put(&out, x)
        case .int64(let x): put(&out, x)
        case .float32(let x): put(&out, x.bitPattern)
        case .float64(let x): put(&out, x.bitPattern)
        case .bool(let x): put(&out, UInt8(x ? 1 : 0))
        case .string(let s): putString(&out, s)
        case .array(let a): putArray(&out, a)
        }
    }

    func putArray(_ out: inout [UInt8], _ a: GGUFArray) {
        put(&out, a.elementType.rawValue)
        put(&out, UInt64(a.count))
        switch a {
        case .uint8(let xs): xs.forEach { put(&out, $0) }
        case .int8(let xs): xs.forEach { put(&out, $0) }
        case .uint16(let xs): xs.forEach { put(&out, $0) }
        case .int16(let xs): xs.forEach { put(&out, $0) }
        case .uint32(let xs): xs.forEach { put(&out, $0) }
        case .int32(let xs): xs.forEach { put(&out, $0) }
        case .uint64(let xs): xs.forEach { put(&out, $0) }
        case .int64(let xs): xs.forEach { put(&out, $0) }
        case .float32(let xs): xs.forEach { put(&out, $0.bitPattern) }
        case .float64(let xs): xs.forEach { put(&out, $0.bitPattern) }
        case .bool(let xs): xs.forEach { put(&out, UInt8($0 ? 1 : 0)) }
        case .string(let xs): xs.forEach { putString(&out, $0) }
        case .array(let xs): xs.forEach { putArray(&out, $0) }
        }
    }
}
