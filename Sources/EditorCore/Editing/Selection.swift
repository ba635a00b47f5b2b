/// The cursor (`head`) and the other end of the selection (`anchor`).
/// Empty when they are equal.
struct Selection: Hashable {
    var anchor: TextPosition
    var head: TextPosition

    init(anchor: TextPosition, head: TextPosition) {
        self.anchor = anchor
        self.head = head
    }

    init(cursor: TextPosition) {
        anchor = cursor
        head = cursor
    }

    var isEmpty: Bool { anchor == head }
    var range: TextRange { TextRange(anchor, head) }
}
