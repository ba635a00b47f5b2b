/// How many colours the terminal can show, decided once at start.
public enum ColorDepth: Sendable, Equatable, Comparable {
    /// NO_COLOR, or a terminal without colour: attributes only.
    case none
    case ansi8
    case palette256
    /// 24-bit colour (terminfo RGB / direct colour).
    case trueColor

    /// Picks the depth from the environment and what terminfo reports.
    ///
    /// `NO_COLOR` (any non-empty value, no-color.org) wins. Otherwise the
    /// terminal's own colour count decides; COLORTERM=truecolor only helps
    /// when a direct-colour terminfo could be loaded (ncurses cannot emit
    /// 24-bit colour through a 256-colour description), else 256 is used.
    public static func detect(environment: [String: String], colors: Int, hasRGB: Bool) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if hasRGB || colors >= 0x1000000 { return .trueColor }
        if colors >= 256 { return .palette256 }
        if colors >= 8 { return .ansi8 }
        return .none
    }

    /// The direct-colour terminfo to try when COLORTERM asks for 24-bit
    /// colour but $TERM names a 256-colour description (xterm-256color →
    /// xterm-direct); nil when nothing should be tried.
    public static func directTerminal(environment: [String: String]) -> String? {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return nil }
        guard let colorterm = environment["COLORTERM"]?.lowercased(),
              colorterm == "truecolor" || colorterm == "24bit",
              let term = environment["TERM"], !term.contains("direct"),
              let base = term.split(separator: "-").first else { return nil }
        return "\(base)-direct"
    }
}
