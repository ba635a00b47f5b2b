/// The four faces of a monospaced family: Courier, Courier-Bold,
/// Courier-Oblique and Courier-BoldOblique for the standard fonts.
public enum PDFFontStyle: Int, Sendable, CaseIterable {
    case regular = 0, bold, italic, boldItalic

    /// The face with `bold` and `italic` as given.
    public init(bold: Bool, italic: Bool) {
        switch (bold, italic) {
        case (false, false): self = .regular
        case (true, false): self = .bold
        case (false, true): self = .italic
        case (true, true): self = .boldItalic
        }
    }

    /// The PostScript name of the standard Type 1 font for this face.
    var standardFontName: String {
        switch self {
        case .regular: return "Courier"
        case .bold: return "Courier-Bold"
        case .italic: return "Courier-Oblique"
        case .boldItalic: return "Courier-BoldOblique"
        }
    }
}
