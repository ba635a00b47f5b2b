/// How one source line is to be shown: its element kind and the styled byte
/// ranges inside it. Derived from the Fountain model (`FountainSyntax`); the
/// layout never looks at Fountain syntax itself.
struct LineStyle: Equatable, Sendable {
    /// The element role (sceneHeading, action, character, dialogue, …).
    var element: StyleRole
    /// Styled byte ranges: emphasis, markup (shown dimmed), notes, boneyard.
    var spans: [StyleSpan] = []
    /// Dual dialogue (second speaker): laid out like normal dialogue, marked.
    var isDual = false

    static let action = LineStyle(element: .action)
}

/// Attributes (and optionally a role) applied to a byte range of a line.
struct StyleSpan: Equatable, Sendable {
    var bytes: Range<Int>
    var attributes: CellAttributes
    var role: StyleRole?
}
