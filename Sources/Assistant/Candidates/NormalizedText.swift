/// The comparison key for "the same line" or "the same candidate":
/// lower-cased letters and digits, every other run of characters one
/// space. "Two more turns." and "two more turns" compare equal.
enum NormalizedText {
    static func key(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(character)
            } else {
                pendingSpace = true
            }
        }
        return out
    }
}
