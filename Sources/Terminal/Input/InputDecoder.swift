import EditorCore

/// Turns `get_wch` results into `InputEvent`s.
///
/// Pure (no ncurses calls), so the rules are unit-tested: control
/// characters to `Key`, key codes through the table built at start, ESC
/// followed at once by a printable character to Alt+character, and
/// everything between the bracketed-paste markers into one `.paste`, even
/// when a large paste arrives over several reads — a paste never runs a
/// binding.
struct InputDecoder {
    var keyCodes: [Int32: KeyCodeMeaning]
    /// The terminal's size when a resize is reported.
    var size: () -> (width: Int, height: Int)
    /// Text of a paste whose end marker has not arrived yet.
    private(set) var pendingPaste: String?
    /// An ESC not yet known to be a key by itself or an Alt prefix.
    private var pendingEscape = false

    init(keyCodes: [Int32: KeyCodeMeaning], size: @escaping () -> (width: Int, height: Int)) {
        self.keyCodes = keyCodes
        self.size = size
    }

    var isInsidePaste: Bool { pendingPaste != nil }

    /// Decodes one batch of input (everything readable right now).
    mutating func decode(_ batch: [RawInput]) -> [InputEvent] {
        var events: [InputEvent] = []
        for raw in batch {
            if pendingPaste != nil {
                absorbIntoPaste(raw, events: &events)
                continue
            }
            if pendingEscape {
                pendingEscape = false
                if case .character(let value) = raw, value >= 0x20, value != 0x7F, let scalar = Unicode.Scalar(value) {
                    events.append(.key(.text(String(scalar)), .alt))
                    continue
                }
                events.append(.key(.escape))
            }
            switch raw {
            case .character(0x1B):
                pendingEscape = true
            case .character(let value):
                if let event = Self.character(value) { events.append(event) }
            case .keyCode(let code):
                switch keyCodes[code] {
                case .key(let key, let modifiers): events.append(.key(key, modifiers))
                case .pasteStart: pendingPaste = ""
                case .pasteEnd, nil: break
                case .resize:
                    let (width, height) = size()
                    events.append(.resize(width: width, height: height))
                }
            }
        }
        // A lone ESC at the end of a batch is the Escape key: ncurses has
        // already waited ESCDELAY for anything that would follow it.
        if pendingEscape {
            pendingEscape = false
            events.append(.key(.escape))
        }
        return events
    }

    private mutating func absorbIntoPaste(_ raw: RawInput, events: inout [InputEvent]) {
        switch raw {
        case .keyCode(let code):
            if keyCodes[code] == .pasteEnd {
                let text = pendingPaste!.replacingOccurrences(of: "\r\n", with: "\n")
                    .replacingOccurrences(of: "\r", with: "\n")
                pendingPaste = nil
                if !text.isEmpty { events.append(.paste(text)) }
            } else if keyCodes[code] == .resize {
                let (width, height) = size()
                events.append(.resize(width: width, height: height))
            }
        case .character(let value):
            if let scalar = Unicode.Scalar(value), value >= 0x20 || value == 0x09 || value == 0x0A || value == 0x0D {
                pendingPaste!.unicodeScalars.append(scalar)
            }
        }
    }

    /// A character from get_wch as a key event; nil for nothing useful.
    static func character(_ value: UInt32) -> InputEvent? {
        switch value {
        case 0x00: return .key(.ctrl(" "))
        case 0x09: return .key(.tab)
        case 0x0A, 0x0D: return .key(.enter)
        case 0x08, 0x7F: return .key(.backspace)
        case 0x1B: return .key(.escape)
        case 0x01...0x1A: return .key(.ctrl(Character(Unicode.Scalar(value + 0x60)!)))
        case 0x1C: return .key(.ctrl("\\"))
        case 0x1D: return .key(.ctrl("]"))
        case 0x1E: return .key(.ctrl("^"))
        case 0x1F: return .key(.ctrl("_"))
        case 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .key(.text(String(scalar)))
        }
    }
}
