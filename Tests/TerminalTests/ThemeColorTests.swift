import Testing
@testable import Terminal

@Suite struct ThemeColorTests {
    @Test func parsesEveryForm() {
        #expect(ThemeColor(parsing: "default") == .terminalDefault)
        #expect(ThemeColor(parsing: "Red") == .indexed(1))
        #expect(ThemeColor(parsing: "bright-blue") == .indexed(12))
        #expect(ThemeColor(parsing: "brightwhite") == .indexed(15))
        #expect(ThemeColor(parsing: "208") == .indexed(208))
        #expect(ThemeColor(parsing: "#FF8700") == .rgb(255, 135, 0))
        for bad in ["256", "-1", "#ff87", "#gggggg", "purple", "bright-purple"] {
            #expect(ThemeColor(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func rgbFallsBackToNearestPaletteEntries() {
        let orange = ThemeColor.rgb(255, 135, 0)
        #expect(orange.resolved(for: .trueColor) == 0xFF8700)
        #expect(orange.resolved(for: .palette256) == 208)
        #expect(orange.resolved(for: .ansi8) == 3 || orange.resolved(for: .ansi8) == 1)
        #expect(ThemeColor.rgb(0x30, 0x30, 0x30).resolved(for: .palette256) == 236)
        #expect(ThemeColor.rgb(0, 0, 0xEE).resolved(for: .ansi8) == 4)
        #expect(ThemeColor.rgb(250, 250, 250).resolved(for: .ansi8) == 7)
    }

    @Test func indexedColoursDegrade() {
        #expect(ThemeColor.indexed(12).resolved(for: .ansi8) == 4)
        #expect(ThemeColor.indexed(196).resolved(for: .ansi8) == 1)
        #expect(ThemeColor.indexed(3).resolved(for: .trueColor) == 3)
        #expect(ThemeColor.indexed(196).resolved(for: .trueColor) == 0xFF0000)
        #expect(ThemeColor.indexed(5).resolved(for: .none) == -1)
        #expect(ThemeColor.terminalDefault.resolved(for: .trueColor) == -1)
    }

    @Test func depthDetection() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1"], colors: 256, hasRGB: true) == .none)
        #expect(ColorDepth.detect(environment: ["NO_COLOR": ""], colors: 256, hasRGB: false) == .palette256)
        #expect(ColorDepth.detect(environment: [:], colors: 8, hasRGB: false) == .ansi8)
        #expect(ColorDepth.detect(environment: [:], colors: 0x1000000, hasRGB: false) == .trueColor)
        #expect(ColorDepth.detect(environment: [:], colors: -1, hasRGB: false) == .none)
        #expect(ColorDepth.directTerminal(environment: ["COLORTERM": "truecolor", "TERM": "xterm-256color"]) == "xterm-direct")
        #expect(ColorDepth.directTerminal(environment: ["COLORTERM": "truecolor", "TERM": "xterm-direct"]) == nil)
        #expect(ColorDepth.directTerminal(environment: ["TERM": "xterm-256color"]) == nil)
    }
}
