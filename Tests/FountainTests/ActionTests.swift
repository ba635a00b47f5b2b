import Testing
@testable import Fountain

struct ActionTests {
    @Test func paragraphsAreElements() {
        #expect(shape("One line.\nTwo lines.\n\nNext.") == ["action:One line.\nTwo lines.", "action:Next."])
    }

    @Test func tabsBecomeFourSpacesAndIndentStays() {
        #expect(parse("\tTabbed\tin.\n")[0].text == "    Tabbed    in.")
        #expect(parse("    Indented.\n")[0].text == "    Indented.")
    }

    @Test func forcedWithBang() {
        let e = parse("!EXT. NOT A HEADING\n\nMore.")
        #expect(e[0].kind == .action)
        #expect(e[0].text == "EXT. NOT A HEADING")
        #expect(e[0].isForced)
        #expect(parse("!JOHN\nHello.\n")[0].text == "JOHN\nHello.")
        #expect(parse("!CUT TO:\n")[0].kind == .action)
    }

    @Test func trailingSpacesAreKept() {
        #expect(parse("Wait.  \n")[0].text == "Wait.  ")
    }

    @Test func blankLinesBetweenActionsShowInLineRanges() {
        let e = parse("One.\n\n\n\nTwo.")
        #expect(e.map(\.lines) == [0..<1, 4..<5])
    }
}
