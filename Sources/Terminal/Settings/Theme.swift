import EditorCore

/// How one style role is drawn: foreground, background and attributes.
/// Cell attributes (emphasis) are added on top of the role's own.
public struct ThemeStyle: Sendable, Equatable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: CellAttributes

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A named mapping from every `StyleRole` to a `ThemeStyle`.
///
/// Loaded from `themes/NAME.toml` (see `ThemeLoader`); `Theme.builtIn` is
/// the fallback when no theme file can be found or read, and matches the
/// shipped dark theme in spirit (a unit test checks dark.toml covers every
/// role). Roles a theme file leaves out take the fallback's style.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [StyleRole: ThemeStyle]

    public init(name: String, styles: [StyleRole: ThemeStyle]) {
        self.name = name
        self.styles = styles
    }

    public func style(for role: StyleRole) -> ThemeStyle {
        styles[role] ?? Self.builtIn.styles[role] ?? ThemeStyle()
    }

    /// Works on any terminal: 8 ANSI colours on the default background.
    public static let builtIn: Theme = {
        func s(_ fg: ThemeColor, _ bg: ThemeColor = .terminalDefault, _ attributes: CellAttributes = []) -> ThemeStyle {
            ThemeStyle(foreground: fg, background: bg, attributes: attributes)
        }
        let plain = ThemeColor.terminalDefault
        let styles: [StyleRole: ThemeStyle] = [
            .sceneHeading: s(.indexed(3), plain, .bold), .action: s(plain), .character: s(.indexed(6), plain, .bold),
            .dialogue: s(plain), .parenthetical: s(.indexed(6)), .transition: s(.indexed(5), plain, .bold),
            .centered: s(plain), .lyrics: s(plain, plain, .italic), .section: s(.indexed(4), plain, .bold),
            .synopsis: s(.indexed(4), plain, .italic), .note: s(.indexed(2), plain, .dim), .boneyard: s(plain, plain, .dim),
            .pageBreak: s(.indexed(4)), .titlePage: s(.indexed(3)),
            .statusBar: s(.indexed(0), .indexed(7)), .statusBarAccent: s(.indexed(0), .indexed(6), .bold),
            .paneBorder: s(.indexed(4)), .paneTitle: s(.indexed(6), plain, .bold), .paneText: s(plain),
            .paneFocus: s(plain, plain, .reverse), .selection: s(plain, plain, .reverse),
            .searchMatch: s(.indexed(0), .indexed(3)), .prompt: s(.indexed(3), plain, .bold), .message: s(.indexed(2)),
            .error: s(.indexed(1), plain, .bold), .lineNumber: s(.indexed(4)), .pageMarker: s(.indexed(4), plain, .dim),
            .popup: s(.indexed(0), .indexed(7)), .popupSelected: s(.indexed(7), .indexed(4), .bold),
            .aiText: s(.indexed(5)), .humanText: s(plain),
            .aiEditedText: s(.indexed(6), plain, [.underline]), .background: s(plain),
        ]
        return Theme(name: "built-in", styles: styles)
    }()
}
