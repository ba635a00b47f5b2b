import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML element read into memory: name, attributes, child elements and
/// the text directly inside it, in document order.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    private(set) var children: [XMLNode] = []
    /// Character data directly inside this element (not its children's).
    fileprivate(set) var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    fileprivate func append(_ child: XMLNode) { children.append(child) }

    /// The first child element named `name`.
    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// Child elements named `name`.
    func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }
}

/// Reads a small, untrusted XML document into an `XMLNode` tree with the
/// defences an import from a stranger's file needs.
///
/// - Input over `maximumBytes` is refused before parsing.
/// - Any document type declaration is refused outright: no FDX has one, and
///   refusing it removes both external entities (file disclosure) and entity
///   expansion ("billion laughs") in one rule. External entity resolution is
///   also switched off in the parser as a second line.
/// - Element nesting deeper than `maximumDepth` aborts the parse, so neither
///   libxml2 nor the walk over the tree can run out of stack.
struct XMLElementTree {
    static let maximumBytes = 50 * 1024 * 1024
    static let maximumDepth = 64

    enum Failure: Error, Equatable {
        case tooLarge(Int)
        case notUTF8
        case documentTypeDeclaration
        case malformed(line: Int, message: String)
        case tooDeep
        case empty
    }

    static func parse(_ data: Data) throws(Failure) -> XMLNode {
        guard data.count <= maximumBytes else { throw .tooLarge(data.count) }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard !bytes.isEmpty else { throw .empty }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .notUTF8 }
        if containsDeclaration(bytes) { throw .documentTypeDeclaration }
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = builder
        let ok = parser.parse()
        if builder.tooDeep { throw .tooDeep }
        if builder.sawEntityDeclaration { throw .documentTypeDeclaration }
        // libxml2's push parser can report success for a document cut short.
        if ok, let open = builder.stack.last {
            throw .malformed(line: parser.lineNumber, message: "file ends inside <\(open.name)>")
        }
        guard ok, let root = builder.root else {
            let message = parser.parserError.map { Self.describe($0) } ?? "not well-formed XML"
            throw .malformed(line: parser.lineNumber, message: message)
        }
        return root
    }

    /// Finds `<!DOCTYPE` or `<!ENTITY` anywhere (ASCII case-insensitive).
    private static func containsDeclaration(_ bytes: Data) -> Bool {
        let patterns: [[UInt8]] = [Array("<!DOCTYPE".utf8), Array("<!ENTITY".utf8)]
        let buffer = Array(bytes)
        var i = 0
        while i + 2 < buffer.count {
            if buffer[i] == UInt8(ascii: "<") && buffer[i + 1] == UInt8(ascii: "!") {
                for pattern in patterns where i + pattern.count <= buffer.count {
                    var match = true
                    for (j, p) in pattern.enumerated() where buffer[i + j] & 0xDF != p & 0xDF {
                        match = false
                        break
                    }
                    if match { return true }
                }
            }
            i += 1
        }
        return false
    }

    private static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let reason = ns.userInfo[NSLocalizedDescriptionKey] as? String, !reason.isEmpty { return reason }
        // libxml2's error numbers (xmlerror.h), which XMLParser passes on.
        switch ns.code {
        case 4: return "no XML element where the document should start"
        case 5: return "the file ends too early"
        case 9: return "a character XML does not allow"
        case 26, 27: return "an undeclared entity"
        case 23, 24, 25, 89: return "a malformed entity reference"
        case 73, 38, 39, 40, 41: return "a malformed tag or attribute"
        case 76: return "a closing tag that does not match its opening tag"
        case 85: return "unbalanced tags"
        case 86: return "text after the root element"
        default: return "XML error \(ns.code)"
        }
    }
}

/// The XMLParser delegate that builds the tree.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLNode?
    var stack: [XMLNode] = []
    var tooDeep = false
    var sawEntityDeclaration = false

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard stack.count < XMLElementTree.maximumDepth else {
            tooDeep = true
            parser.abortParsing()
            return
        }
        let node = XMLNode(name: elementName, attributes: attributes)
        if let parent = stack.last { parent.append(node) } else if root == nil { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName: String?) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        sawEntityDeclaration = true
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String,
                publicID: String?, systemID: String?) {
        sawEntityDeclaration = true
        parser.abortParsing()
    }
}
