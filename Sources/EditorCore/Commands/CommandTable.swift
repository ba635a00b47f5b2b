/// Every command the keymap can name, in F1 help order.
enum CommandTable {
    static let all: [Command] = [
        Command(name: "help", doc: "Show all key bindings") { _ in },
    ]

    static let named: [String: Command] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
}
