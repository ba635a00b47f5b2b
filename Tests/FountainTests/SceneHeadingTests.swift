import Testing
@testable import Fountain

struct SceneHeadingTests {
    @Test(arguments: ["INT. HOUSE - DAY", "EXT. PARK", "EST. CITY", "INT./EXT. CAR", "INT/EXT CAR", "I/E CAR",
                      "I./E. CAR", "int. kitchen", "Ext. beach", "INT HOUSE"])
    func prefixesAnyCase(_ line: String) {
        let e = parse("\(line)\n\nAction.")
        #expect(e.first?.kind == .sceneHeading(sceneNumber: nil))
        #expect(e.first?.text == line)
    }

    @Test(arguments: ["INTERIOR HOUSE", "EXTRA CREDIT", "ESTATE SALE", "INT", "I/EAT"])
    func prefixMustBeFollowedByDotOrSpace(_ line: String) {
        #expect(parse("\(line)\n\nAction.").first?.kind != .sceneHeading(sceneNumber: nil))
    }

    @Test func needsBlankLineBeforeAndAfter() {
        #expect(shape("Action.\nINT. HOUSE - DAY\n\nMore.") == ["action:Action.\nINT. HOUSE - DAY", "action:More."])
        #expect(shape("INT. HOUSE - DAY\nJohn enters.") == ["action:INT. HOUSE - DAY\nJohn enters."])
        #expect(shape("INT. HOUSE - DAY") == ["scene_heading:INT. HOUSE - DAY"])
    }

    @Test func forcedWithDot() {
        let e = parse(".SNIPER SCOPE POV\n\nAction.")
        #expect(e[0].kind == .sceneHeading(sceneNumber: nil))
        #expect(e[0].text == "SNIPER SCOPE POV")
        #expect(e[0].isForced)
        #expect(parse(".3 AM\n").first?.kind == .sceneHeading(sceneNumber: nil))
    }

    @Test(arguments: ["..", "...where were we", ". space after dot"])
    func dotsAreNotForcing(_ line: String) {
        #expect(parse("\(line)\n").first?.kind == .action)
        #expect(parse("\(line)\n").first?.text == line)
    }

    @Test(arguments: [("1", "1"), ("1A", "1A"), ("I-1-A", "I-1-A"), ("110A", "110A"), ("1.1", "1.1")])
    func sceneNumbers(_ written: String, _ number: String) {
        let e = parse("INT. HOUSE - DAY #\(written)#\n\nAction.")
        #expect(e[0].kind == .sceneHeading(sceneNumber: number))
        #expect(e[0].text == "INT. HOUSE - DAY")
        let forced = parse(".FLASHBACK #\(written)#\n")
        #expect(forced[0].kind == .sceneHeading(sceneNumber: number))
        #expect(forced[0].text == "FLASHBACK")
    }

    @Test func invalidSceneNumberStaysInText() {
        let e = parse("INT. HOUSE #1 A#\n")
        #expect(e[0].kind == .sceneHeading(sceneNumber: nil))
        #expect(e[0].text == "INT. HOUSE #1 A#")
        #expect(parse("INT. HOUSE ##\n")[0].text == "INT. HOUSE ##")
    }

    @Test func indentationIsIgnored() {
        let e = parse("   INT. HOUSE - DAY\n\nAction.")
        #expect(e[0].kind == .sceneHeading(sceneNumber: nil))
        #expect(e[0].text == "INT. HOUSE - DAY")
        #expect(e[0].range.lowerBound.column == 3)
    }
}
