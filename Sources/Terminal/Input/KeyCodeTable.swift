import CNcursesShim
import EditorCore

/// Builds the key-code table once at start: ncurses' own codes (KEY_UP,
/// KEY_F(n)…), and codes for the sequences terminfo often lacks — xterm's
/// modified keys (`\e[1;5D` is ctrl-left; tmux sends the same with its
/// default `xterm-keys on`), rxvt/screen home and end, and the bracketed
/// paste markers `\e[200~` / `\e[201~`.
///
/// `key_defined` is asked first, so a sequence terminfo already names
/// (kLFT5 in tmux-256color and xterm-256color) keeps its code; only unknown
/// sequences get codes of ours, above KEY_MAX.
enum KeyCodeTable {
    static func build() -> [Int32: KeyCodeMeaning] {
        var table: [Int32: KeyCodeMeaning] = [:]
        func code(_ name: String) -> Int32 { Int32(ic_key_code(name)) }
        let plain: [(String, Key, KeyModifiers)] = [
            ("up", .up, []), ("down", .down, []), ("left", .left, []), ("right", .right, []),
            ("home", .home, []), ("end", .end, []), ("ppage", .pageUp, []), ("npage", .pageDown, []),
            ("dc", .delete, []), ("ic", .insert, []), ("backspace", .backspace, []), ("enter", .enter, []),
            ("btab", .backTab, []), ("sleft", .left, .shift), ("sright", .right, .shift),
            ("sr", .up, .shift), ("sf", .down, .shift), ("shome", .home, .shift), ("send", .end, .shift),
            ("sprevious", .pageUp, .shift), ("snext", .pageDown, .shift), ("sdc", .delete, .shift),
            ("sic", .insert, .shift), ("a1", .home, []), ("c1", .end, []), ("a3", .pageUp, []), ("c3", .pageDown, []),
        ]
        for (name, key, modifiers) in plain { table[code(name)] = .key(key, modifiers) }
        table[code("resize")] = .resize
        // xterm numbers F13–F24 as shift-F1–F12 and F25–F36 as ctrl-F1–F12.
        for n in 1...12 {
            table[Int32(ic_key_f(Int32(n)))] = .key(.function(n), [])
            table[Int32(ic_key_f(Int32(n + 12)))] = .key(.function(n), .shift)
            table[Int32(ic_key_f(Int32(n + 24)))] = .key(.function(n), .control)
            table[Int32(ic_key_f(Int32(n + 36)))] = .key(.function(n), [.control, .shift])
        }

        var nextCode = Int32(ic_key_code("max")) + 0x200
        func bind(_ sequence: String, _ meaning: KeyCodeMeaning) {
            let assigned = sequence.withCString { Int32(ic_bind_sequence($0, nextCode)) }
            guard assigned > 0 else { return }
            if assigned == nextCode { nextCode += 1 }
            if table[assigned] == nil || assigned >= Int32(ic_key_code("max")) { table[assigned] = meaning }
        }
        bind("\u{1B}[200~", .pasteStart)
        bind("\u{1B}[201~", .pasteEnd)
        for (sequence, key) in [("\u{1B}[1~", Key.home), ("\u{1B}[4~", .end), ("\u{1B}[7~", .home), ("\u{1B}[8~", .end),
                                ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}OH", .home), ("\u{1B}OF", .end),
                                ("\u{1B}[Z", .backTab), ("\u{1B}[3~", .delete), ("\u{1B}[2~", .insert),
                                ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
                                ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
                                ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left)] {
            bind(sequence, .key(key, []))
        }
        let modifierParameters: [(Int, KeyModifiers)] = [
            (2, .shift), (3, .alt), (4, [.shift, .alt]), (5, .control), (6, [.control, .shift]),
            (7, [.control, .alt]), (8, [.control, .shift, .alt]),
        ]
        let letterKeys: [(String, Key)] = [("A", .up), ("B", .down), ("C", .right), ("D", .left), ("H", .home), ("F", .end)]
        let tildeKeys: [(Int, Key)] = [(5, .pageUp), (6, .pageDown), (3, .delete), (2, .insert), (1, .home), (4, .end)]
        for (parameter, modifiers) in modifierParameters {
            for (letter, key) in letterKeys { bind("\u{1B}[1;\(parameter)\(letter)", .key(key, modifiers)) }
            for (number, key) in tildeKeys { bind("\u{1B}[\(number);\(parameter)~", .key(key, modifiers)) }
            for (n, letter) in [(1, "P"), (2, "Q"), (3, "R"), (4, "S")] {
                bind("\u{1B}[1;\(parameter)\(letter)", .key(.function(n), modifiers))
            }
        }
        // rxvt-style ctrl-arrows and shift-arrows.
        for (sequence, key, modifiers) in [("\u{1B}Od", Key.left, KeyModifiers.control), ("\u{1B}Oc", .right, .control),
                                           ("\u{1B}Oa", .up, .control), ("\u{1B}Ob", .down, .control),
                                           ("\u{1B}[d", .left, .shift), ("\u{1B}[c", .right, .shift),
                                           ("\u{1B}[a", .up, .shift), ("\u{1B}[b", .down, .shift)] {
            bind(sequence, .key(key, modifiers))
        }
        return table
    }
}
