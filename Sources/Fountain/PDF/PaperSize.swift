// Stand-in until exports' Sources/Fountain/Layout/PaperSize.swift lands:
// the same API, deleted at that merge.
public enum PaperSize: String, Sendable, CaseIterable {
    case letter
    case a4

    public var linesPerPage: Int { self == .letter ? 55 : 57 }
    public var actionWidth: Int { self == .letter ? 61 : 58 }
    public var rightEdgeColumn: Int { 15 + actionWidth }
    public var sizeInPoints: (width: Double, height: Double) {
        self == .letter ? (612, 792) : (595.28, 841.89)
    }
}
