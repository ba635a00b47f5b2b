import Foundation

/// Why an `.fdx` file could not be imported; `description` is the one-line
/// message the command line prints.
public enum FDXImportError: Error, Equatable, CustomStringConvertible {
    case tooLarge(bytes: Int)
    case notUTF8
    case documentTypeDeclaration
    case malformedXML(line: Int, message: String)
    case nestedTooDeep
    case empty
    case notFinalDraft(rootElement: String)
    case noContent

    public var description: String {
        switch self {
        case .tooLarge(let bytes):
            return "file is \(bytes / (1024 * 1024)) MB; FDX import reads at most \(XMLElementTree.maximumBytes / (1024 * 1024)) MB"
        case .notUTF8:
            return "not UTF-8 XML text (Final Draft and Fade In write UTF-8 .fdx files)"
        case .documentTypeDeclaration:
            return "refusing a DOCTYPE or ENTITY declaration: .fdx files have none, and entities are not expanded"
        case .malformedXML(let line, let message):
            return "not well-formed XML (line \(line): \(message.trimmingCharacters(in: .whitespacesAndNewlines)))"
        case .nestedTooDeep:
            return "XML nested deeper than \(XMLElementTree.maximumDepth) elements; not a Final Draft file"
        case .empty:
            return "the file is empty"
        case .notFinalDraft(let root):
            return "not a Final Draft document: root element is <\(root)>, expected <FinalDraft>"
        case .noContent:
            return "Final Draft document has no <Content> element"
        }
    }
}
