/// Per-line styles derived from the Fountain model (placeholder until the
/// Fountain module's incremental parser is merged).
struct FountainSyntax {
    private(set) var styles: [LineStyle]
    private(set) var outline: [OutlineItem] = []

    init(lines: [String]) {
        styles = Array(repeating: .action, count: lines.count)
    }

    mutating func linesChanged(in lines: [String], firstLine: Int, removedLines: Int, insertedLines: Int) {
        styles.replaceSubrange(firstLine..<(firstLine + removedLines), with: repeatElement(.action, count: insertedLines))
    }

    func style(ofLine line: Int) -> LineStyle { styles[line] }
    func cast(excludingLine line: Int) -> [String] { [] }
    func headingParts(excludingLine line: Int) -> (locations: [String], times: [String]) { ([], []) }
    func sceneNumber(atLine line: Int) -> String { "0" }
    static func wouldBeCharacterCue(_ text: String) -> Bool { false }
}
