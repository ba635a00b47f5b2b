import Foundation

/// Fountain text made from an `.fdx` file, and what the import could not
/// carry over exactly.
public struct FDXImportResult: Sendable {
    /// The screenplay as Fountain, ending in a newline.
    public var fountain: String
    /// One line per problem (an unknown paragraph type, …), for stderr.
    public var warnings: [String]
}

/// Converts Final Draft / Fade In `.fdx` documents to Fountain text.
///
/// Every paragraph type maps to a Fountain element; forcing markers (`!`,
/// `@`, `.`, `>`) are written only where the plain text would otherwise be
/// read back as a different element, so the result reads like hand-written
/// Fountain. Shots, Cast List and General become action; New Act / End of
/// Act become centred lines; Outline levels become sections and Outline Body
/// synopses; any other type becomes action with a warning.
/// The title page of an FDX is positional (centred and left-aligned
/// paragraphs, not keys); the keys are inferred from its order: first centred
/// block is the Title, a "Written by"-like line the Credit, the next the
/// Author, and left-aligned blocks Draft date, Copyright or Contact.
public enum FDXImporter {
    /// Imports the bytes of an `.fdx` file.
    public static func fountain(fromFDX data: Data) throws(FDXImportError) -> FDXImportResult {
        let root: XMLNode
        do {
            root = try XMLElementTree.parse(data)
        } catch {
            switch error {
            case .tooLarge(let n): throw .tooLarge(bytes: n)
            case .notUTF8: throw .notUTF8
            case .documentTypeDeclaration: throw .documentTypeDeclaration
            case .malformed(let line, let message): throw .malformedXML(line: line, message: message)
            case .tooDeep: throw .nestedTooDeep
            case .empty: throw .empty
            }
        }
        guard root.name == "FinalDraft" else { throw .notFinalDraft(rootElement: root.name) }
        guard let content = root.child("Content") else { throw .noContent }
        var writer = FountainBlockWriter()
        let titlePage = root.child("TitlePage")?.child("Content").map(FDXTitlePage.init) ?? FDXTitlePage.empty
        writer.hasTitlePage = !titlePage.entries.isEmpty
        for paragraph in content.children("Paragraph") {
            writer.add(paragraph)
        }
        var text = titlePage.fountain
        if !text.isEmpty { text += "\n" }
        text += writer.finished()
        return FDXImportResult(fountain: text, warnings: writer.warnings)
    }
}
