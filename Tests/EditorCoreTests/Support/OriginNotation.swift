@testable import EditorCore
import Provenance

/// Origins as text for tests: ai text in `{…}`, ai-edited text in `<…>`,
/// human text bare; lines joined with "\n".
enum OriginNotation {
    static func marked(_ editor: Editor) -> String {
        (0..<editor.state.buffer.lineCount).map { line in
            let characters = Array(editor.state.buffer[line])
            return editor.origins(ofLine: line).map { run in
                let text = String(characters[run.columns])
                switch run.origin {
                case .human: return text
                case .ai: return "{" + text + "}"
                case .aiEdited: return "<" + text + ">"
                }
            }.joined()
        }.joined(separator: "\n")
    }
}
