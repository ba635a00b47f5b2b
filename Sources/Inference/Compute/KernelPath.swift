import Foundation
import InferenceKernels

/// Which implementation of the quantized dot products runs. The fast paths
/// live in the InferenceKernels C target (compiled per function for their
/// ISA) and are only chosen when the CPU reports the features at run time.
enum KernelPath: String, Sendable, CaseIterable {
    case scalar
    case avx2
    case avxVNNI = "vnni"

    /// Paths this CPU can run, slowest first.
    static let available: [KernelPath] = {
        let f = Int(ick_cpu_features())
        var paths: [KernelPath] = [.scalar]
        if f & Int(ICK_FEATURE_AVX2) != 0 { paths.append(.avx2) }
        if f & Int(ICK_FEATURE_AVXVNNI) != 0 { paths.append(.avxVNNI) }
        return paths
    }()

    /// The best available path, or the one named by `INTERCUT_KERNELS`
    /// (scalar|avx2|vnni) when the CPU supports it.
    static let preferred: KernelPath = {
        if let name = ProcessInfo.processInfo.environment["INTERCUT_KERNELS"],
           let forced = KernelPath(rawValue: name), available.contains(forced) {
            return forced
        }
        return available.last ?? .scalar
    }()
}
