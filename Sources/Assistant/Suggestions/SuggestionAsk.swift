/// What the writer asks for: continuations of the script at the cursor.
public struct SuggestionAsk: Sendable, Equatable {
    /// The whole buffer, "\n" line endings.
    public var script: String
    /// 0-based line of the cursor; the prompt ends at the cursor.
    public var cursorLine: Int
    /// 0-based column in Characters of the cursor's line.
    public var cursorColumn: Int
    /// How many candidates (from config; default 3).
    public var count: Int
    /// A one-line direction from the writer ("Vera lies"), if any.
    public var direction: String?
    /// A specific element to write next, if asked for.
    public var element: ElementAsk?

    public init(script: String, cursorLine: Int, cursorColumn: Int, count: Int = 3,
                direction: String? = nil, element: ElementAsk? = nil) {
        self.script = script
        self.cursorLine = cursorLine
        self.cursorColumn = cursorColumn
        self.count = count
        self.direction = direction
        self.element = element
    }
}

/// A specific element the writer wants next.
public enum ElementAsk: Sendable, Equatable {
    /// The next line of dialogue for this character (the prompt ends with the cue).
    case dialogue(character: String)
    /// An action paragraph (the prompt ends at the start of a fresh paragraph).
    case action
}
