import EditorCore
import Foundation
import Testing
@testable import Terminal

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes").path

    @Test(arguments: ["dark", "light", "high-contrast", "monochrome"])
    func shippedThemeLoadsAndMapsEveryRole(name: String) throws {
        let theme = try ThemeLoader.load(named: name, directories: [Self.themesDirectory]).get()
        #expect(theme.name == name)
        for role in StyleRole.allCases {
            #expect(theme.styles[role] != nil, "\(name) lacks \(role)")
        }
    }

    @Test func monochromeUsesNoColours() throws {
        let theme = try ThemeLoader.load(named: "monochrome", directories: [Self.themesDirectory]).get()
        for style in theme.styles.values {
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault)
        }
        #expect(theme.style(for: .selection).attributes.contains(.reverse))
    }

    @Test func malformedTomlGivesOneLineMessageWithLine() {
        let result = ThemeLoader.parse("name = \"x\"\n[styles\naction = {}", name: "x", path: "bad.toml")
        guard case .failure(let failure) = result else { Issue.record("parsed"); return }
        #expect(failure.description.hasPrefix("bad.toml: line 2"))
        #expect(!failure.description.contains("\n"))
    }

    @Test func unknownRoleColourOrAttributeIsReported() {
        let cases = [
            ("[styles]\nsceneHeadng = { fg = \"red\" }", "unknown style role 'sceneHeadng'"),
            ("[styles]\naction = { fg = \"#12345\" }", "action.fg: not a colour"),
            ("[styles]\naction = { attributes = [\"blink\"] }", "unknown attribute"),
            ("[styles]\naction = { colour = \"red\" }", "unknown field 'colour'"),
            ("name = \"x\"", "no [styles] table"),
        ]
        for (text, expected) in cases {
            guard case .failure(let failure) = ThemeLoader.parse(text, name: "x") else {
                Issue.record("accepted \(text)"); continue
            }
            #expect(failure.description.contains(expected), "\(failure.description)")
        }
    }

    @Test func missingThemeAndBadNameFail() {
        #expect(throws: ThemeLoader.Failure.self) { try ThemeLoader.load(named: "nope", directories: [Self.themesDirectory]).get() }
        #expect(throws: ThemeLoader.Failure.self) { try ThemeLoader.load(named: "../etc", directories: [Self.themesDirectory]).get() }
    }

    @Test func themeFileByPathAndMissingRolesFallBack() throws {
        let path = NSTemporaryDirectory() + "intercut-theme-\(UUID().uuidString).toml"
        try "[styles]\naction = { fg = \"208\", bg = \"#000080\", attributes = [\"bold\"] }\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        let theme = try ThemeLoader.load(named: path, directories: []).get()
        #expect(theme.style(for: .action) == ThemeStyle(foreground: .indexed(208), background: .rgb(0, 0, 0x80), attributes: .bold))
        #expect(theme.style(for: .error) == Theme.builtIn.style(for: .error))
    }

    @Test func searchPathPrefersUserConfigThenRepositoryThemes() {
        let dirs = ThemeLoader.searchDirectories(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/h"],
                                                 executable: "/repo/.build/release/intercut")
        #expect(dirs.first == "/cfg/intercut/themes")
        #expect(dirs.contains("/repo/themes"))
    }

    /// `scripts/run` starts `.build/release/intercut`: a relative argv[0] must
    /// still find the checkout's themes folder.
    @Test func relativeExecutablePathStillFindsTheCheckoutThemes() {
        let cwd = FileManager.default.currentDirectoryPath
        let dirs = ThemeLoader.searchDirectories(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/h"],
                                                 executable: ".build/release/intercut")
        #expect(dirs.contains((cwd as NSString).appendingPathComponent("themes")))
    }
}
