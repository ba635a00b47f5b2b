/// A command-line input error, reported on one line.
///
/// Deliberately shadows ArgumentParser's `ValidationError` inside this
/// module: that one makes the parser print the whole usage block after the
/// message, while Intercut's rule is one line on stderr and a non-zero exit
/// for bad input. Every `throw ValidationError("…")` in a command's
/// `validate()` therefore prints `Error: …` alone and exits with status 1.
struct ValidationError: Error, CustomStringConvertible {
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
