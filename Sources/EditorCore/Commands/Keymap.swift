import Foundation

/// Which key runs which command, by command name.
///
/// Built from `Keymap.defaults`, then changed by config overrides given as
/// command name → key specs (`["undo": "ctrl-u", "redo": "ctrl-y, f9",
/// "suspend": "none"]`). Binding a key to one command removes it from any
/// other. Every default works in tmux and xterm without Alt.
public struct Keymap: Sendable {
    public private(set) var bindings: [KeyBinding: String]

    /// The default bindings, as (key spec, command name), in help order.
    public static let defaults: [(String, String)] = [
        ("f1", "help"),
        ("ctrl-s", "save"), ("ctrl-w", "save_as"), ("ctrl-o", "open"),
        ("ctrl-q", "quit"), ("ctrl-z", "suspend"),
        ("ctrl-u", "undo"), ("ctrl-y", "redo"),
        ("ctrl-x", "cut"), ("ctrl-c", "copy"), ("ctrl-v", "paste"), ("ctrl-k", "cut_line"),
        ("ctrl-a", "select_all"),
        ("ctrl-f", "find"), ("f3", "find_next"), ("shift-f3", "find_previous"),
        ("ctrl-r", "replace"),
        ("ctrl-g", "goto_scene"), ("f2", "goto_scene"),
        ("ctrl-pageup", "previous_scene"), ("ctrl-pagedown", "next_scene"),
        ("f9", "previous_scene"), ("f10", "next_scene"),
        ("enter", "newline"), ("tab", "tab"), ("backtab", "backtab"),
        ("backspace", "delete_backward"), ("delete", "delete_forward"),
        ("ctrl-backspace", "delete_word_backward"), ("ctrl-delete", "delete_word_forward"),
        ("left", "move_left"), ("right", "move_right"), ("up", "move_up"), ("down", "move_down"),
        ("ctrl-left", "move_word_left"), ("ctrl-right", "move_word_right"),
        ("ctrl-up", "move_paragraph_up"), ("ctrl-down", "move_paragraph_down"),
        ("home", "move_line_start"), ("end", "move_line_end"),
        ("pageup", "page_up"), ("pagedown", "page_down"),
        ("ctrl-home", "document_start"), ("ctrl-end", "document_end"),
        ("shift-left", "select_left"), ("shift-right", "select_right"),
        ("shift-up", "select_up"), ("shift-down", "select_down"),
        ("ctrl-shift-left", "select_word_left"), ("ctrl-shift-right", "select_word_right"),
        ("shift-home", "select_line_start"), ("shift-end", "select_line_end"),
        ("shift-pageup", "select_page_up"), ("shift-pagedown", "select_page_down"),
        ("ctrl-shift-home", "select_document_start"), ("ctrl-shift-end", "select_document_end"),
        ("esc", "cancel"), ("ctrl-l", "redraw"), ("f11", "toggle_pane"),
        ("f12", "toggle_origins"),
        // The suggestion pane (the keys the editor left free for it, plus ^D and S-F5).
        ("ctrl-space", "suggest"), ("ctrl-n", "suggestion_next"), ("ctrl-p", "suggestion_previous"),
        ("ctrl-t", "suggestion_accept"), ("f4", "suggestion_accept_word"), ("f5", "suggestion_accept_line"),
        ("ctrl-e", "suggestion_edit"), ("f7", "suggestion_reject"), ("f8", "suggestion_reject_all"),
        ("f6", "suggestion_stop"), ("shift-f6", "suggestion_stop_focused"), ("ctrl-d", "suggestion_direction"), ("shift-f5", "suggestion_for_character"),
    ]

    public init(bindings: [KeyBinding: String]) {
        self.bindings = bindings
    }

    /// The default keymap.
    public static var standard: Keymap {
        var bindings: [KeyBinding: String] = [:]
        for (spec, name) in defaults {
            guard let binding = KeyBinding(spec: spec) else { preconditionFailure("bad default key spec \(spec)") }
            bindings[binding] = name
        }
        return Keymap(bindings: bindings)
    }

    public func command(for binding: KeyBinding) -> String? {
        bindings[binding]
    }

    /// Keys bound to `command`, in a stable order (defaults' order first).
    public func keys(for command: String) -> [KeyBinding] {
        bindings.filter { $0.value == command }.map(\.key).sorted { $0.description < $1.description }
    }

    /// Applies overrides (command name → comma-separated key specs, or "none").
    /// Unknown command names and malformed keys are skipped and reported as
    /// one-line messages; the rest still apply.
    public mutating func apply(overrides: [String: String], knownCommands: Set<String>) -> [String] {
        var errors: [String] = []
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard knownCommands.contains(name) else {
                errors.append("keymap: unknown command '\(name)'")
                continue
            }
            var newKeys: [KeyBinding] = []
            var valid = true
            let specs = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if !(specs.count == 1 && specs[0].lowercased() == "none") {
                for spec in specs {
                    guard let binding = KeyBinding(spec: spec) else {
                        errors.append("keymap: cannot read key '\(spec)' for '\(name)'")
                        valid = false
                        break
                    }
                    newKeys.append(binding)
                }
            }
            guard valid else { continue }
            for (binding, command) in bindings where command == name { bindings[binding] = nil }
            for binding in newKeys { bindings[binding] = name }
        }
        return errors
    }
}
