import Foundation

/// Why a save or journal write failed, as one line for the status bar.
public struct FileSafetyError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var reason: String

    init(path: String, operation: String, errno code: Int32) {
        self.path = path
        self.operation = operation
        reason = String(cString: strerror(code))
    }

    public var description: String { "\(path): \(operation) failed: \(reason)" }
}
