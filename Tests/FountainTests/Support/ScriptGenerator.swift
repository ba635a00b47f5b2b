/// Deterministic random Fountain-ish text for property tests: lines drawn
/// from fragments that exercise every construct and its edge cases.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum ScriptGenerator {
    static let fragments: [String] = [
        "", "", "", "", "", "  ", " ", "\t", "    ",
        "INT. HOUSE - DAY", "EXT. PARK - NIGHT #12#", "int. kitchen", "I/E. CAR - MOVING", "INT./EXT. DOOR #1A#",
        "EST. CITY", ".forced heading", "..not a heading", ".INT. FORCED #I-1-A#",
        "JOHN", "MARY ^", "MARY^", "@McCLANE", "@Han (O.S.)", "MOM (O. S.)", "HANS (on the radio)", "R2D2", "3CPO",
        "ÉMILE", "@太郎", "JOHN  ", "DR. BENNET",
        "(beat)", "(whispering)", "Hello there.", "I said *no*.", "We want **free** t-shirts!",
        "~Willy Wonka!", "~la la la", "> THE END <", ">**THE END**<", "CUT TO:", "FADE TO:", ">Burn to White.",
        "NOT A TRANSITION TO:  ", "===", "=====", "# Act One", "## Scene", "### Beat", "= A synopsis.",
        "[[a note]]", "[[multi", "line note]]", "He waits [[inline]] here.", "/*", "*/", "/* bone */ text",
        "text /* start", "end */ more", "**bold** and *italic* and _under_", "***both***", "\\*not\\* \\_this\\_",
        "*69 and then *23", "**unclosed", "_a *b* c_", "Title: Test", "Author: Me", "Draft date: 1 May",
        "    indented value", "\tTabbed\taction", "!FORCED ACTION", "!EXT. NOT A HEADING",
        "The General Lee flies. FREEZE FRAME.", "A gorgeous day.  The sun is shining.", "^", "[[", "]]", "Title:",
    ]

    static func line(_ rng: inout SeededRandom) -> String {
        fragments[Int(rng.next() % UInt64(fragments.count))]
    }

    /// Random bytes of a script: random lines, endings (LF, CRLF, CR),
    /// optional BOM and final newline.
    static func script(_ rng: inout SeededRandom, lines: Int) -> [UInt8] {
        var out: [UInt8] = []
        if rng.next() % 8 == 0 { out += [0xEF, 0xBB, 0xBF] }
        let mixed = rng.next() % 4 == 0
        let fixed: [UInt8] = [[0x0A], [0x0D, 0x0A], [0x0D]][Int(rng.next() % 3)]
        for k in 0..<lines {
            out += Array(line(&rng).utf8)
            if k < lines - 1 || rng.next() % 2 == 0 {
                out += mixed ? [[0x0A], [0x0D, 0x0A], [0x0D]][Int(rng.next() % 3)] : fixed
            }
        }
        return out
    }
}
