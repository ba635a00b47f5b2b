import Fountain

/// The JSON surface of `intercut parse --json`. Other tools depend on it:
/// keys and types only ever get added.
enum ParseJSON {
    static func render(_ doc: FountainDocument) -> String {
        var out = "{\"title_page\":["
        for (k, e) in doc.titlePage.enumerated() {
            out += k == 0 ? "\n  " : ",\n  "
            out += "{\"key\":\(quote(e.key)),\"value\":\(quote(e.value))}"
        }
        out += doc.titlePage.isEmpty ? "],\n\"elements\":[" : "\n],\n\"elements\":["
        var first = true
        for e in doc.elements {
            guard let fields = fields(e) else { continue }
            out += first ? "\n  " : ",\n  "
            first = false
            out += "{" + fields.map { "\(quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
        }
        out += first ? "]}\n" : "\n]}\n"
        return out
    }

    /// Key/value pairs (values already JSON) of one element; nil for boneyard.
    static func fields(_ e: Element) -> [(String, String)]? {
        var f: [(String, String)] = [("type", quote(e.kind.typeName)), ("text", quote(e.text)), ("line", String(e.lineNumber))]
        switch e.kind {
        case .boneyard:
            return nil
        case .sceneHeading(let number):
            if let number { f.append(("scene_number", quote(number))) }
        case .character(let name, let ext, _):
            f.append(("name", quote(name)))
            if let ext { f.append(("extension", quote(ext))) }
            f.append(("dual", e.dual != nil ? "true" : "false"))
        case .section(let depth):
            f.append(("depth", String(depth)))
        default:
            break
        }
        return f
    }

    static func quote(_ s: String) -> String { JSONText.quote(s) }
}
