import Testing
@testable import Fountain

struct CharacterTests {
    func cue(_ text: String) -> ElementKind? { parse(text).first?.kind }

    @Test(arguments: ["STEEL", "DR. BENNET", "R2D2", "C3PO", "O'BRIEN", "ÉMILE", "ЖЕНЯ"])
    func upperCaseLineBeforeDialogueIsACue(_ name: String) {
        let e = parse("\(name)\nHello.")
        #expect(e.first?.kind == .character(name: name, extension: nil, isDual: false))
        #expect(e.last?.kind == .dialogue)
    }

    @Test(arguments: ["23", "3CPO", "Steel", "Han (O. S.)", "太郎", "JOHN  "])
    func notACue(_ line: String) {
        #expect(parse("\(line)\nHello.").first?.kind == .action)
    }

    @Test func extensionsInAnyCase() {
        #expect(cue("MOM (O. S.)\nLuke!") == .character(name: "MOM", extension: "(O. S.)", isDual: false))
        #expect(cue("HANS (on the radio)\nWhat?") == .character(name: "HANS", extension: "(on the radio)", isDual: false))
        #expect(cue("JOHN (V.O.) (CONT'D)\nYes.") == .character(name: "JOHN", extension: "(V.O.) (CONT'D)", isDual: false))
        #expect(parse("MOM (O. S.)\nLuke!")[0].text == "MOM (O. S.)")
    }

    @Test func forcedWithAt() {
        #expect(cue("@McCLANE\nYippie ki-yay!") == .character(name: "McCLANE", extension: nil, isDual: false))
        #expect(cue("@Han (O.S.)\nHi.") == .character(name: "Han", extension: "(O.S.)", isDual: false))
        #expect(cue("@太郎\nこんにちは。") == .character(name: "太郎", extension: nil, isDual: false))
        #expect(parse("@McCLANE\nYippie ki-yay!")[0].isForced)
    }

    @Test func needsBlankBeforeAndTextAfter() {
        #expect(shape("JOHN\n\nHello.") == ["action:JOHN", "action:Hello."])
        #expect(shape("Action.\nJOHN\nHello.") == ["action:Action.\nJOHN\nHello."])
        #expect(shape("JOHN") == ["action:JOHN"])
    }

    @Test func indentationIsIgnored() {
        #expect(shape("    JOHN\n    Hello.") == ["character:JOHN", "dialogue:Hello."])
    }

    @Test func sceneHeadingLookalikeIsNotACue() {
        #expect(shape("INT. HOUSE\nJohn enters.").first == "action:INT. HOUSE\nJohn enters.")
    }
}
