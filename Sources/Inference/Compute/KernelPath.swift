import Foundation
import InferenceKernels

/// Which implementation of the quantized dot products runs. The fast paths
/// live in the InferenceKernels C target (compiled per function for their
/// ISA) and are only chosen when the CPU reports the features at run time.
/// Every path gives the same results as `.avx2` bit for bit (ggml's float
/// order); `.scalar` is the portable reference.
enum KernelPath: String, Sendable, CaseIterable {
    case scalar
    case avx2
    case avxVNNI = "vnni"
    case avx512

    /// Paths this CPU can run.
    static let available: [KernelPath] = {
        let f = Int(ick_cpu_features())
        var paths: [KernelPath] = [.scalar]
        if f & Int(ICK_FEATURE_AVX2) != 0 { paths.append(.avx2) }
        if f & Int(ICK_FEATURE_AVXVNNI) != 0 { paths.append(.avxVNNI) }
        if f & Int(ICK_FEATURE_AVX512) != 0 { paths.append(.avx512) }
        return paths
    }()

    /// Fastest first, as measured on the target machine (AMD EPYC, Zen 5):
    /// Q8_0 matvec 0.57 ns per block (avx512), 0.71 (avx2), 1.65 (ymm
    /// vpdpbusd: slower than maddubs there, so AVX-VNNI is never the default).
    private static let rank: [KernelPath] = [.avx512, .avx2, .avxVNNI, .scalar]

    /// The best available path, or the one named by `INTERCUT_KERNELS`
    /// (scalar|avx2|vnni|avx512) when the CPU supports it.
    static let preferred: KernelPath = {
        if let name = ProcessInfo.processInfo.environment["INTERCUT_KERNELS"],
           let forced = KernelPath(rawValue: name), available.contains(forced) {
            return forced
        }
        return rank.first { available.contains($0) } ?? .scalar
    }()
}
