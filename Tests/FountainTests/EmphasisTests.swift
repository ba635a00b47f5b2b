import Testing
@testable import Fountain

struct EmphasisTests {
    func spans(_ line: String) -> [String] {
        let e = parse("\(line)\n")[0]
        let chars = Array(line.utf8)
        return e.spans.map { s in
            let inner = String(decoding: chars[s.content.lowerBound.column..<s.content.upperBound.column], as: UTF8.self)
            return "\(s.kind):\(inner)"
        }
    }

    @Test func basicStyles() {
        #expect(spans("an *italic* word") == ["italic:italic"])
        #expect(spans("a **bold** word") == ["bold:bold"])
        #expect(spans("an _underlined_ word") == ["underline:underlined"])
    }

    @Test func boldItalicNests() {
        #expect(Set(spans("***both***")) == ["bold:both", "italic:**both**"])
    }

    @Test func nesting() {
        #expect(Set(spans("_under *and italic*_")) == ["underline:under *and italic*", "italic:and italic"])
        #expect(Set(spans("**bold *inner* bold**")) == ["bold:bold *inner* bold", "italic:inner"])
    }

    @Test func escapes() {
        #expect(spans("\\*not italic\\*") == [])
        #expect(spans("\\_not underlined\\_") == [])
        #expect(spans("*real \\* star*") == ["italic:real \\* star"])
    }

    @Test func spacingRuleKeepsLiteralStars() {
        #expect(spans("He dialed *69 and then *23") == [])
        #expect(spans("2 * 3 * 4") == [])
    }

    @Test func emphasisNeverCrossesALineBreak() {
        let e = parse("JOHN\n*starts here\nends here*")
        #expect(e[1].spans.isEmpty)
    }

    @Test func markersStayInText() {
        #expect(parse("A **big** deal.\n")[0].text == "A **big** deal.")
    }

    @Test func spanPositionsAreSourceColumns() {
        let e = parse("JOHN\n  I *mean* it.")
        #expect(e[1].spans[0].range == SourcePosition(line: 1, column: 4)..<SourcePosition(line: 1, column: 10))
    }
}
