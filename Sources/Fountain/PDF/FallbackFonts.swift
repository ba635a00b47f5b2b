import Foundation

/// Where to find a TrueType monospaced font for text the standard Courier
/// fonts cannot show (anything outside WinAnsi).
///
/// The lists name Debian's FreeMono (`fonts-freefont-ttf`, the widest
/// coverage of the Courier-like fonts), Liberation Mono
/// (`fonts-liberation2`, metric-compatible with Courier New) and DejaVu Sans
/// Mono, then common macOS locations. For each character the first font that
/// has a glyph for it is used, so the order is the order of preference.
public struct FallbackFonts: Sendable {
    /// Candidate font files per face, most preferred first.
    public var paths: [PDFFontStyle: [String]]

    public init(paths: [PDFFontStyle: [String]]) {
        self.paths = paths
    }

    /// The system fonts looked for by default.
    public static let system = FallbackFonts(paths: [
        .regular: [
            "/usr/share/fonts/truetype/freefont/FreeMono.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
            "/System/Library/Fonts/Supplemental/Courier New.ttf",
            "/Library/Fonts/Courier New.ttf",
        ],
        .bold: [
            "/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationMono-Bold.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationMono-Bold.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
            "/System/Library/Fonts/Supplemental/Courier New Bold.ttf",
        ],
        .italic: [
            "/usr/share/fonts/truetype/freefont/FreeMonoOblique.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationMono-Italic.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationMono-Italic.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Oblique.ttf",
            "/System/Library/Fonts/Supplemental/Courier New Italic.ttf",
        ],
        .boldItalic: [
            "/usr/share/fonts/truetype/freefont/FreeMonoBoldOblique.ttf",
            "/usr/share/fonts/truetype/liberation2/LiberationMono-BoldItalic.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationMono-BoldItalic.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-BoldOblique.ttf",
            "/System/Library/Fonts/Supplemental/Courier New Bold Italic.ttf",
        ],
    ])

    /// No fallback fonts: text outside WinAnsi is replaced and warned about.
    public static let none = FallbackFonts(paths: [:])

    /// The candidates for `style`, then the regular ones (a bold glyph drawn
    /// regular beats a question mark).
    func candidates(for style: PDFFontStyle) -> [String] {
        var list = paths[style] ?? []
        if style != .regular { list += paths[.regular] ?? [] }
        return list
    }
}
