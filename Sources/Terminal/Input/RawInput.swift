import EditorCore

/// One item read from ncurses' `get_wch`: a character, or a key code
/// (KEY_UP, a function key, a code we defined for an escape sequence).
enum RawInput: Equatable {
    case character(UInt32)
    case keyCode(Int32)
}

/// What a key code means, decided once when the terminal starts (see
/// `KeyCodeTable`), so decoding is a dictionary lookup.
enum KeyCodeMeaning: Equatable {
    case key(Key, KeyModifiers)
    case pasteStart
    case pasteEnd
    case resize
}

