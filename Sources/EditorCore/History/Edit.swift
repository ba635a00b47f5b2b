import Provenance

/// One replacement as applied to the buffer, with what it removed so that it
/// can be inverted.
struct AppliedEdit {
    var start: TextPosition
    var removed: String
    var inserted: String
    /// End of `inserted` after applying.
    var insertedEnd: TextPosition
    /// End of `removed` before applying.
    var removedEnd: TextPosition
    /// Origins of the lines `start.line...removedEnd.line` before applying
    /// and of `start.line...insertedEnd.line` after: undo and redo put them
    /// back exactly instead of re-deriving them.
    var originsBefore: [OriginSpans]
    var originsAfter: [OriginSpans]
}
