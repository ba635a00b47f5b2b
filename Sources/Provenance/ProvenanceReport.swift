import Fountain

/// Lines and words by origin, for one scene or the whole script.
public struct OriginCounts: Sendable, Equatable {
    public var lines = 0, words = 0
    public var aiLines = 0, aiWords = 0
    public var aiEditedLines = 0, aiEditedWords = 0

    public init() {}

    public var humanLines: Int { lines - aiLines - aiEditedLines }
    public var humanWords: Int { words - aiWords - aiEditedWords }

    /// The share of lines with any AI in them (ai or ai-edited), 0...1.
    public var machineLineShare: Double { lines == 0 ? 0 : Double(aiLines + aiEditedLines) / Double(lines) }
    /// The share of words with any AI in them (ai or ai-edited), 0...1.
    public var machineWordShare: Double { words == 0 ? 0 : Double(aiWords + aiEditedWords) / Double(words) }

    mutating func addLine(_ origin: Origin) {
        lines += 1
        if origin == .ai { aiLines += 1 } else if origin == .aiEdited { aiEditedLines += 1 }
    }

    mutating func addWord(_ origin: Origin) {
        words += 1
        if origin == .ai { aiWords += 1 } else if origin == .aiEdited { aiEditedWords += 1 }
    }

    static func + (a: OriginCounts, b: OriginCounts) -> OriginCounts {
        var sum = a
        sum.lines += b.lines; sum.words += b.words
        sum.aiLines += b.aiLines; sum.aiWords += b.aiWords
        sum.aiEditedLines += b.aiEditedLines; sum.aiEditedWords += b.aiEditedWords
        return sum
    }
}

/// The counts of one scene: from its heading to the next heading.
public struct SceneProvenance: Sendable, Equatable {
    /// The heading as shown (no scene number or forcing dot).
    public var heading: String
    /// 1-based source line of the heading.
    public var line: Int
    public var counts: OriginCounts
}

/// Per-scene and whole-script counts of lines and words by origin.
///
/// What counts is what `intercut stats` counts: printed elements only (scene
/// headings, action, centred text, cues, parentheticals, dialogue, lyrics,
/// transitions), never the title page, sections, synopses, notes or
/// boneyard, and never inline notes or boneyard inside a line — so the
/// `[[AI]]` notes of an annotated export do not count either. Lines are
/// source lines with text; a line's and a word's origin follow
/// `OriginClassifier`. Text before the first scene heading counts in the
/// total only.
public struct ProvenanceReport: Sendable, Equatable {
    public var total: OriginCounts
    public var scenes: [SceneProvenance]

    public init(document: FountainDocument, origins: ScriptOrigins) {
        var total = OriginCounts()
        var scenes: [SceneProvenance] = []
        for element in document.elements {
            switch element.kind {
            case .section, .synopsis, .note, .boneyard, .pageBreak: continue
            case .sceneHeading:
                scenes.append(SceneProvenance(heading: element.text, line: element.lineNumber, counts: OriginCounts()))
            default: break
            }
            var counts = OriginCounts()
            for line in element.lines where line < document.source.lineCount {
                let bytes = Array(document.source.lineBytes(line))
                let spans = line < origins.lineCount ? origins[line] : OriginSpans()
                let hidden = Self.hiddenRanges(of: element, onLine: line, bytes: bytes)
                guard let origin = OriginClassifier.origin(of: bytes, in: 0..<bytes.count, spans: spans, hidden: hidden) else { continue }
                counts.addLine(origin)
                for word in OriginClassifier.words(of: bytes, hidden: hidden) {
                    counts.addWord(OriginClassifier.origin(of: bytes, in: word, spans: spans) ?? .human)
                }
            }
            total = total + counts
            if !scenes.isEmpty { scenes[scenes.count - 1].counts = scenes[scenes.count - 1].counts + counts }
        }
        self.total = total
        self.scenes = scenes
    }

    /// What does not print on `line` of `element`, as byte ranges: inline
    /// notes, boneyard, and a heading's `#12#` scene number.
    static func hiddenRanges(of element: Element, onLine line: Int, bytes: [UInt8]) -> [Range<Int>] {
        let length = bytes.count
        var hidden: [Range<Int>] = []
        if case .sceneHeading(let number?) = element.kind, let numberStart = sceneNumberStart(in: bytes, number: number) {
            hidden.append(numberStart..<length)
        }
        return hidden + element.spans.compactMap { span in
            guard span.kind == .note || span.kind == .boneyard,
                  span.range.lowerBound.line <= line, line <= span.range.upperBound.line else { return nil }
            let start = span.range.lowerBound.line == line ? min(span.range.lowerBound.column, length) : 0
            let end = span.range.upperBound.line == line ? min(span.range.upperBound.column, length) : length
            return start < end ? start..<end : nil
        }
    }

    /// Where a heading's trailing `#number#` starts, if the line ends with it.
    static func sceneNumberStart(in bytes: [UInt8], number: String) -> Int? {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        let marked = Array("#\(number)#".utf8)
        guard end >= marked.count, Array(bytes[(end - marked.count)..<end]) == marked else { return nil }
        return end - marked.count
    }
}
