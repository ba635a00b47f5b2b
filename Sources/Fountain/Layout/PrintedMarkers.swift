/// Which bytes of an element's source lines never print: surrounding
/// whitespace (kept at the start of action lines) and the markers that decide
/// the kind (`.`, `!`, `@`, `>`, `~`, `=`, `^`, `>…<`, the `#…#` scene number).
/// A trivially copyable summary of the element, so the page measurer can trim
/// line after line without copying the element.
struct PrintedMarkers {
    private enum Rule: UInt8 {
        case action, heading, numberedHeading, character, transition, centered, lyrics, synopsis, other
    }

    private let rule: Rule
    private let isForced: Bool

    init(_ element: borrowing Element) {
        switch element.kind {
        case .sceneHeading(let number): rule = number == nil ? .heading : .numberedHeading
        case .action: rule = .action
        case .character: rule = .character
        case .transition: rule = .transition
        case .centered: rule = .centered
        case .lyrics: rule = .lyrics
        case .synopsis: rule = .synopsis
        default: rule = .other
        }
        isForced = element.isForced
    }

    /// Moves `lo`/`hi` past whitespace and the markers that decide the kind.
    func trim(_ b: UnsafeBufferPointer<UInt8>, isFirst: Bool, _ lo: inout Int, _ hi: inout Int) {
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
        func trimTrailing() { while hi > lo, isSpace(b[hi - 1]) { hi -= 1 } }
        func trimLeading() { while lo < hi, isSpace(b[lo]) { lo += 1 } }
        func drop(leading c: UInt8) { if lo < hi, b[lo] == c { lo += 1 } }
        func drop(trailing c: UInt8) { if hi > lo, b[hi - 1] == c { hi -= 1 } }
        let isAction = rule == .action
        if !isAction { trimLeading() }
        trimTrailing()
        switch rule {
        case .heading, .numberedHeading:
            if isFirst && isForced { drop(leading: 0x2E) }  // .
            if rule == .numberedHeading, hi > lo, b[hi - 1] == 0x23 {  // #…#
                var k = hi - 2
                while k >= lo, b[k] != 0x23 { k -= 1 }
                if k >= lo { hi = k; trimTrailing() }
            }
        case .action:
            if isFirst && isForced { drop(leading: 0x21) }  // !
        case .character:
            if isFirst && isForced { drop(leading: 0x40) }  // @
            drop(trailing: 0x5E)  // ^
            trimTrailing()
        case .transition:
            if isFirst && isForced { drop(leading: 0x3E) }  // >
        case .centered:
            drop(leading: 0x3E)
            drop(trailing: 0x3C)
            trimLeading(); trimTrailing()
        case .lyrics:
            drop(leading: 0x7E)  // ~
        case .synopsis:
            drop(leading: 0x3D)
        case .other:
            break
        }
        if !isAction { trimLeading() }
    }
}
