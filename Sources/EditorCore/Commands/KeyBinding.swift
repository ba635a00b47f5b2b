import Foundation

/// A key plus modifiers, as written in the keymap and in config files.
///
/// Spec syntax (case-insensitive): optional `ctrl-`, `shift-`, `alt-`
/// prefixes, then a key name: a single character, `f1`…`f12`, `up`, `down`,
/// `left`, `right`, `home`, `end`, `pageup`, `pagedown`, `delete`,
/// `backspace`, `enter`, `tab`, `backtab` (or `shift-tab`), `esc`, `insert`,
/// `space`. `ctrl-s` is `Key.ctrl("s")`; `ctrl-up` is `.up` with `.control`.
public struct KeyBinding: Sendable, Hashable, CustomStringConvertible {
    public var key: Key
    public var modifiers: KeyModifiers

    public init(_ key: Key, _ modifiers: KeyModifiers = []) {
        self.key = key
        self.modifiers = modifiers
    }

    /// Parses a spec such as "ctrl-s", "shift-f3", "ctrl-pagedown"; nil if malformed.
    public init?(spec: String) {
        var rest = spec.lowercased().trimmingCharacters(in: .whitespaces)
        var modifiers: KeyModifiers = []
        var ctrl = false
        while true {
            if rest.hasPrefix("ctrl-"), rest.count > 5 { ctrl = true; rest.removeFirst(5) }
            else if rest.hasPrefix("c-"), rest.count > 2 { ctrl = true; rest.removeFirst(2) }
            else if rest.hasPrefix("shift-"), rest.count > 6 { modifiers.insert(.shift); rest.removeFirst(6) }
            else if rest.hasPrefix("s-"), rest.count > 2 { modifiers.insert(.shift); rest.removeFirst(2) }
            else if rest.hasPrefix("alt-"), rest.count > 4 { modifiers.insert(.alt); rest.removeFirst(4) }
            else if rest.hasPrefix("a-"), rest.count > 2 { modifiers.insert(.alt); rest.removeFirst(2) }
            else { break }
        }
        let named: [String: Key] = [
            "up": .up, "down": .down, "left": .left, "right": .right,
            "home": .home, "end": .end, "pageup": .pageUp, "pgup": .pageUp,
            "pagedown": .pageDown, "pgdn": .pageDown, "delete": .delete, "del": .delete,
            "backspace": .backspace, "enter": .enter, "return": .enter, "tab": .tab,
            "backtab": .backTab, "esc": .escape, "escape": .escape, "insert": .insert,
        ]
        let key: Key
        if let known = named[rest] {
            key = known
        } else if rest.hasPrefix("f"), let number = Int(rest.dropFirst()), (1...12).contains(number) {
            key = .function(number)
        } else if rest == "space" {
            key = ctrl ? .ctrl(" ") : .text(" ")
            if ctrl { self.init(key, modifiers); return }
        } else if rest.count == 1, let character = rest.first {
            if ctrl {
                guard character.isLetter || " ]\\^_".contains(character) else { return nil }
                self.init(.ctrl(character), modifiers.subtracting(.shift))
                return
            }
            key = .text(String(character))
        } else {
            return nil
        }
        if key == .tab, modifiers.contains(.shift) {
            self.init(.backTab, modifiers.subtracting(.shift))
            return
        }
        if ctrl { modifiers.insert(.control) }
        self.init(key, modifiers)
    }

    /// The canonical spec, e.g. "ctrl-s", "shift-up", "f1".
    public var description: String {
        var prefix = ""
        if modifiers.contains(.control) { prefix += "ctrl-" }
        if modifiers.contains(.alt) { prefix += "alt-" }
        if modifiers.contains(.shift) { prefix += "shift-" }
        switch key {
        case .text(let text): return prefix + (text == " " ? "space" : text)
        case .ctrl(let character): return "ctrl-" + prefix + (character == " " ? "space" : String(character))
        case .function(let number): return prefix + "f\(number)"
        case .up: return prefix + "up"
        case .down: return prefix + "down"
        case .left: return prefix + "left"
        case .right: return prefix + "right"
        case .home: return prefix + "home"
        case .end: return prefix + "end"
        case .pageUp: return prefix + "pageup"
        case .pageDown: return prefix + "pagedown"
        case .delete: return prefix + "delete"
        case .backspace: return prefix + "backspace"
        case .enter: return prefix + "enter"
        case .tab: return prefix + "tab"
        case .backTab: return prefix + "backtab"
        case .escape: return prefix + "esc"
        case .insert: return prefix + "insert"
        }
    }

    /// The short form shown in help and the status bar, e.g. "^S", "S-Up", "F1".
    public var displayName: String {
        switch key {
        case .ctrl(let character) where modifiers.isEmpty:
            return character == " " ? "^Space" : "^" + String(character).uppercased()
        default:
            var prefix = ""
            if modifiers.contains(.control) { prefix += "^" }
            if modifiers.contains(.alt) { prefix += "M-" }
            if modifiers.contains(.shift) { prefix += "S-" }
            let name = KeyBinding(key).description
            let pretty: String
            switch key {
            case .function(let number): pretty = "F\(number)"
            case .pageUp: pretty = "PgUp"
            case .pageDown: pretty = "PgDn"
            case .backTab: pretty = "S-Tab"
            default: pretty = name.prefix(1).uppercased() + name.dropFirst()
            }
            return prefix + pretty
        }
    }
}
