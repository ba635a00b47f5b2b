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
}
