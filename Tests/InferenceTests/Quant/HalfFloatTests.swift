import Testing
@testable import Inference

@Suite struct HalfFloatTests {
    /// The software conversion must agree with the hardware/library one on
    /// every f16 value, on midpoints between neighbours (ties to even), and
    /// on values around the subnormal and overflow edges.
    @Test func softwareConversionMatchesFloat16() {
        var inputs: [Float] = [0, -0, .infinity, -.infinity, 65504, 65519, 65520, 70000, 1e-8, 6.0e-8, 2.98e-8, 6.1e-5, -6.1e-5]
        for bits in 0..<UInt16.max where !Float16(bitPattern: bits).isNaN {
            let f = Float(Float16(bitPattern: bits))
            inputs.append(f)
            let next = Float(Float16(bitPattern: bits).nextUp)
            if next.isFinite, f.isFinite { inputs.append((f + next) / 2); inputs.append(f.nextUp); inputs.append(next.nextDown) }
        }
        var mismatches = 0
        for x in inputs where HalfFloat.f16(from: x) != Float16(x).bitPattern { mismatches += 1 }
        #expect(mismatches == 0)
        #expect(HalfFloat.f16(from: .nan) & 0x7C00 == 0x7C00)
        for bits in stride(from: 0, to: 65536, by: 7) where !Float16(bitPattern: UInt16(bits)).isNaN {
            #expect(HalfFloat.float(fromF16: UInt16(bits)) == Float(Float16(bitPattern: UInt16(bits))))
        }
    }
}
