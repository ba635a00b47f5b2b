/// What the editor asks of the suggestion machinery, carried out by the
/// glue outside EditorCore (`SuggestionBridge` in the executable). The core
/// never talks to a backend: it emits these and takes `PaneUpdate`s back.
public enum SuggestionEffect: Sendable, Equatable {
    /// Start a request (the glue stops any running one first).
    case request(SuggestionQuery)
    /// Generate slot `index` of request `ticket` again (after a reject).
    case regenerate(ticket: Int, index: Int)
    /// Stop generating (every candidate of the current request).
    case stop
    /// Stop generating candidate `index` of request `ticket` only; the others go on.
    case stopCandidate(ticket: Int, index: Int)
    /// The buffer's file is now `path`: saved under a new name (`savedAs`:
    /// the same script, its feedback history goes along) or another file
    /// opened. Later decisions belong in that script's log.
    case scriptPath(String?, savedAs: Bool)
    /// The writer decided about candidate `index` of request `ticket`: log it.
    case decision(ticket: Int, index: Int, outcome: PaneDecision)
}

/// One request for continuations, as the editor sees it.
public struct SuggestionQuery: Sendable, Equatable {
    /// The editor's number for the request; updates carry it back.
    public var ticket: Int
    /// The whole buffer, "\n" line endings.
    public var script: String
    /// 0-based line of the cursor; the prompt ends at the cursor.
    public var cursorLine: Int
    /// 0-based column of the cursor, in Characters of its line.
    public var cursorColumn: Int
    /// Candidates to generate.
    public var count: Int
    /// A one-line direction from the writer ("Vera lies").
    public var direction: String?
    /// Ask for this character's next line of dialogue ("VERA").
    public var character: String?

    public init(ticket: Int, script: String, cursorLine: Int, cursorColumn: Int, count: Int,
                direction: String? = nil, character: String? = nil) {
        self.ticket = ticket
        self.script = script
        self.cursorLine = cursorLine
        self.cursorColumn = cursorColumn
        self.count = count
        self.direction = direction
        self.character = character
    }
}

/// What became of a candidate: the feedback the glue logs.
public enum PaneDecision: Sendable, Equatable {
    /// Taken whole (by one key, or word by word / line by line to its end).
    case accepted
    /// Only this leading part was taken.
    case acceptedPart(String)
    /// Taken into the script as a pending region and changed there; the final text.
    case edited(final: String)
    case rejected
    /// Shown and left: the writer moved on to another request or closed the pane.
    case ignored
}
