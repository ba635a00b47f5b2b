/// A prompt made by ``PromptBuilder`` and what post-processing needs to
/// know about where it ends.
public struct BuiltPrompt: Sendable, Equatable {
    /// The text sent to the backend.
    public var text: String
    /// Text the prompt ends with that belongs to every candidate (the
    /// separator and cue of an element ask, e.g. "\n\nVERA\n", or the "\n"
    /// that turns the blank line under a paragraph into a separator):
    /// candidates are shown and inserted as `lead` + generated text.
    public var lead: String
    /// Line breaks directly before the cursor (0 when the cursor ends a
    /// non-empty line's text), which decides how many a candidate needs
    /// before a new block.
    public var newlinesBeforeCursor: Int
    /// Character names of the script, in order of first appearance.
    public var cast: [String]
    /// Tokens of `text` with BOS, as the budget counted them: the sum of its
    /// parts counted separately (exact or estimated, see ``TokenBudget``),
    /// within a few tokens of counting the whole, never less.
    public var tokenCount: Int
    /// The first source line of the script text the prompt includes (after
    /// the title page); lines before it did not fit the budget.
    public var firstIncludedLine: Int
}
