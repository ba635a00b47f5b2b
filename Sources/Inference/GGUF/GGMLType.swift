/// A ggml tensor element type, with the raw ids GGUF files store
/// (ggml.h `enum ggml_type`; checked against the `gguf` 0.19.0 Python package).
///
/// Quantized types pack `blockSize` values into `bytesPerBlock` bytes; a
/// tensor's first dimension must be a multiple of `blockSize`. Ids 4 and 5
/// (the removed Q4_2/Q4_3) and 31...33 (removed Q4_0_4_4 etc.) are unassigned.
public enum GGMLType: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    case f32 = 0
    case f16 = 1
    case q4_0 = 2
    case q4_1 = 3
    case q5_0 = 6
    case q5_1 = 7
    case q8_0 = 8
    case q8_1 = 9
    case q2_K = 10
    case q3_K = 11
    case q4_K = 12
    case q5_K = 13
    case q6_K = 14
    case q8_K = 15
    case iq2_xxs = 16
    case iq2_xs = 17
    case iq3_xxs = 18
    case iq1_s = 19
    case iq4_nl = 20
    case iq3_s = 21
    case iq2_s = 22
    case iq4_xs = 23
    case i8 = 24
    case i16 = 25
    case i32 = 26
    case i64 = 27
    case f64 = 28
    case iq1_m = 29
    case bf16 = 30
    case tq1_0 = 34
    case tq2_0 = 35
    case mxfp4 = 39

    /// Values per block (1 for plain scalar types).
    public var blockSize: Int { Self.layout(self).values }

    /// Bytes per block of `blockSize` values.
    public var bytesPerBlock: Int { Self.layout(self).bytes }

    /// Whether the engine can compute with tensors of this type. The reader
    /// accepts every type above; only these have kernels.
    public var isSupportedByEngine: Bool {
        switch self {
        case .f32, .f16, .bf16, .q4_0, .q5_0, .q8_0, .q4_K, .q5_K, .q6_K: true
        default: false
        }
    }

    /// The name ggml prints (`Q4_K`, `F32`, …).
    public var description: String {
        switch self {
        case .f32: "F32"
        case .f16: "F16"
        case .q4_0: "Q4_0"
        case .q4_1: "Q4_1"
        case .q5_0: "Q5_0"
        case .q5_1: "Q5_1"
        case .q8_0: "Q8_0"
        case .q8_1: "Q8_1"
        case .q2_K: "Q2_K"
        case .q3_K: "Q3_K"
        case .q4_K: "Q4_K"
        case .q5_K: "Q5_K"
        case .q6_K: "Q6_K"
        case .q8_K: "Q8_K"
        case .iq2_xxs: "IQ2_XXS"
        case .iq2_xs: "IQ2_XS"
        case .iq3_xxs: "IQ3_XXS"
        case .iq1_s: "IQ1_S"
        case .iq4_nl: "IQ4_NL"
        case .iq3_s: "IQ3_S"
        case .iq2_s: "IQ2_S"
        case .iq4_xs: "IQ4_XS"
        case .i8: "I8"
        case .i16: "I16"
        case .i32: "I32"
        case .i64: "I64"
        case .f64: "F64"
        case .iq1_m: "IQ1_M"
        case .bf16: "BF16"
        case .tq1_0: "TQ1_0"
        case .tq2_0: "TQ2_0"
        case .mxfp4: "MXFP4"
        }
    }

    /// Bytes needed for `elementCount` values, or nil if the count is not a
    /// whole number of blocks or the size overflows `Int`.
    public func byteCount(elements elementCount: Int) -> Int? {
        guard elementCount >= 0, elementCount % blockSize == 0 else { return nil }
        let (bytes, overflow) = (elementCount / blockSize).multipliedReportingOverflow(by: bytesPerBlock)
        return overflow ? nil : bytes
    }

    // Sizes from ggml.c `type_traits` (== gguf.GGML_QUANT_SIZES).
    private static func layout(_ type: GGMLType) -> (values: Int, bytes: Int) {
        switch type {
        case .f32: (1, 4)
        case .f16: (1, 2)
        case .q4_0: (32, 18)
        case .q4_1: (32, 20)
        case .q5_0: (32, 22)
        case .q5_1: (32, 24)
        case .q8_0: (32, 34)
        case .q8_1: (32, 40)
        case .q2_K: (256, 84)
        case .q3_K: (256, 110)
        case .q4_K: (256, 144)
        case .q5_K: (256, 176)
        case .q6_K: (256, 210)
        case .q8_K: (256, 292)
        case .iq2_xxs: (256, 66)
        case .iq2_xs: (256, 74)
        case .iq3_xxs: (256, 98)
        case .iq1_s: (256, 50)
        case .iq4_nl: (32, 18)
        case .iq3_s: (256, 110)
        case .iq2_s: (256, 82)
        case .iq4_xs: (256, 136)
        case .i8: (1, 1)
        case .i16: (1, 2)
        case .i32: (1, 4)
        case .i64: (1, 8)
        case .f64: (1, 8)
        case .iq1_m: (256, 56)
        case .bf16: (1, 2)
        case .tq1_0: (256, 54)
        case .tq2_0: (256, 66)
        case .mxfp4: (32, 17)
        }
    }
}
