/// One colour as a theme writes it: the terminal's default, one of the 16
/// ANSI colours by name, a 256-colour index, or `#rrggbb`.
///
/// `resolved(for:)` turns it into what the terminal can show: true colour
/// passes through, 256-colour terminals get the nearest xterm palette entry,
/// 8-colour terminals the nearest ANSI colour.
public enum ThemeColor: Sendable, Equatable {
    case terminalDefault
    /// 0–255 in the xterm palette (0–7 ANSI, 8–15 bright, 16–231 cube, 232–255 grey).
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses "default", "red", "bright-red", "208", "#ff8700"; nil if malformed.
    public init?(parsing text: String) {
        let value = text.lowercased().trimmingCharacters(in: .whitespaces)
        if value == "default" || value == "none" || value.isEmpty {
            self = .terminalDefault
        } else if let index = Self.names.firstIndex(of: value) {
            self = .indexed(index)
        } else if value.hasPrefix("bright"),
                  let index = Self.names.firstIndex(of: String(value.dropFirst(value.hasPrefix("bright-") ? 7 : 6))) {
            self = .indexed(index + 8)
        } else if value == "gray" || value == "grey" {
            self = .indexed(8)
        } else if let number = Int(value), (0...255).contains(number) {
            self = .indexed(number)
        } else if value.hasPrefix("#"), value.count == 7, let rgb = UInt32(value.dropFirst(), radix: 16) {
            self = .rgb(UInt8(rgb >> 16), UInt8((rgb >> 8) & 0xFF), UInt8(rgb & 0xFF))
        } else {
            return nil
        }
    }

    /// The colour number to hand ncurses at `depth`, or -1 for the default.
    /// In direct (true) colour mode the number is 0xRRGGBB.
    public func resolved(for depth: ColorDepth) -> Int {
        switch (self, depth) {
        case (.terminalDefault, _), (_, .none): return -1
        case (.indexed(let index), .trueColor):
            // Direct-colour terminfo keeps 0–7 as ANSI; higher indices would be read as RGB.
            if index < 8 { return index }
            let (r, g, b) = Self.paletteRGB(index)
            return Self.direct(r, g, b)
        case (.rgb(let r, let g, let b), .trueColor): return Self.direct(Int(r), Int(g), Int(b))
        case (.indexed(let index), .palette256): return index
        case (.rgb(let r, let g, let b), .palette256): return Self.nearest256(r, g, b)
        case (.indexed(let index), .ansi8):
            if index < 8 { return index }
            if index < 16 { return index - 8 }
            let (r, g, b) = Self.paletteRGB(index)
            return Self.nearest8(r, g, b)
        case (.rgb(let r, let g, let b), .ansi8): return Self.nearest8(r, g, b)
        }
    }

    /// Direct colour 0–7 means the ANSI colour; nudge near-black RGB up.
    private static func direct(_ r: Int, _ g: Int, _ b: Int) -> Int {
        max(8, r << 16 | g << 8 | b)
    }

    static let cubeLevels = [0, 95, 135, 175, 215, 255]
    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB of an xterm palette entry.
    static func paletteRGB(_ index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16: return ansiRGB[index]
        case 16..<232:
            let n = index - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        default:
            let level = 8 + (index - 232) * 10
            return (level, level, level)
        }
    }

    /// The nearest xterm-256 entry (cube or grey ramp; the first 16 are
    /// skipped because terminals redefine them).
    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        func level(_ v: UInt8) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - Int(v)) < abs(cubeLevels[$1] - Int(v)) }!
        }
        let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let grey = 232 + min(23, max(0, (average - 3) / 10))
        return distance(paletteRGB(grey), (Int(r), Int(g), Int(b))) < distance(paletteRGB(cube), (Int(r), Int(g), Int(b)))
            ? grey : cube
    }

    static func nearest8(_ r: Int, _ g: Int, _ b: Int) -> Int {
        (0..<8).min { distance(ansiRGB[$0], (r, g, b)) < distance(ansiRGB[$1], (r, g, b)) }!
    }

    static func nearest8(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int { nearest8(Int(r), Int(g), Int(b)) }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
