import Foundation
import Testing
@testable import Terminal

@Suite struct IntercutConfigTests {
    @Test func readsThemeKeysAndClipboard() throws {
        let text = """
        theme = "light"
        system_clipboard = true
        [keys]
        undo = "ctrl-z"
        suspend = "none"
        redo = ["ctrl-y", "f9"]
        [backend]
        kind = "ollama"
        """
        let config = try IntercutConfig.parse(text).get()
        #expect(config == IntercutConfig(theme: "light", keys: ["undo": "ctrl-z", "suspend": "none", "redo": "ctrl-y, f9"], systemClipboard: true))
    }

    @Test func wrongTypesAreOneLineProblems() {
        for text in ["theme = 3", "[keys]\nsave = 4", "keys = \"x\"", "system_clipboard = \"yes\"", "theme = \"a\"\ntheme = \"b\""] {
            guard case .failure(let failure) = IntercutConfig.parse(text) else { Issue.record("accepted \(text)"); continue }
            #expect(!failure.description.contains("\n"))
        }
    }

    @Test func missingFileIsEmptyAndBrokenFileFallsBackWithMessage() throws {
        let dir = NSTemporaryDirectory() + "intercut-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let missing = IntercutConfig.load(path: dir + "/none.toml")
        #expect(missing.config == IntercutConfig() && missing.problem == nil)
        try "theme = [".write(toFile: dir + "/config.toml", atomically: true, encoding: .utf8)
        let broken = IntercutConfig.load(path: dir + "/config.toml")
        #expect(broken.config == IntercutConfig())
        #expect(broken.problem?.contains("using defaults") == true)
    }

    @Test func locationFollowsXDG() {
        #expect(IntercutConfig.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/intercut/config.toml")
        #expect(IntercutConfig.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/intercut/config.toml")
    }
}
