/// A question in the minibuffer: a yes/no confirmation or a line of input.
struct Prompt {
    enum Kind {
        case confirm((Editor, Bool) -> Void)
    }
    var kind: Kind
    var label: String
}
