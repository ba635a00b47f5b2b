/// Counts a writer watches: pages, scenes, words, who speaks how much, and the
/// interior/exterior and day/night split of the scene headings.
///
/// Words are counted in printed text only (scene headings, action, centred
/// text, cues, parentheticals, dialogue, lyrics, transitions): boneyard,
/// notes, sections and synopses never count. A word is a whitespace-separated
/// token with at least one letter or digit, so "--" and "..." do not count.
/// A character's words are their dialogue and sung lines (parentheticals
/// excluded); a block is one speech, each side of a dual pair counting once.
public struct ScriptStatistics: Sendable, Hashable {
    /// One speaking character.
    public struct CharacterCount: Sendable, Hashable {
        public var name: String
        public var blocks: Int
        public var words: Int
    }

    /// Script pages on the given paper (55-line US Letter by default), title page excluded.
    public var pages: Int
    public var scenes: Int
    public var words: Int
    /// Speaking characters, most blocks first (then most words, then name).
    public var characters: [CharacterCount]
    /// Scene headings by place: "int", "ext", "int_ext" (INT./EXT., I/E) and "other" (forced headings).
    public var placeSplit: [String: Int]
    /// Scene headings by time: "day", "night" and "other" (CONTINUOUS, LATER, none …).
    public var timeSplit: [String: Int]
    /// Scene headings by the time of day as written after the last " - " ("NIGHT", "DAWN" …; "" when none).
    public var timesOfDay: [String: Int]

    public init(_ document: FountainDocument, paper: PaperSize = .letter) {
        pages = document.pageMap(paper: paper).pageCount
        var scenes = 0
        var words = 0
        var byName: [String: CharacterCount] = [:]
        var place = ["int": 0, "ext": 0, "int_ext": 0, "other": 0]
        var time = ["day": 0, "night": 0, "other": 0]
        var times: [String: Int] = [:]
        var speaker: String?
        var speechEnd = -1  // the source line just after the current speech's last element
        for element in document.elements {
            let printed = document.displayLines(of: element).map { line in
                line.filter { !$0.isNote }.map(\.text).joined()
            }
            let count = printed.reduce(0) { $0 + Self.wordCount($1) }
            switch element.kind {
            case .section, .synopsis, .note, .boneyard, .pageBreak:
                continue
            case .sceneHeading:
                scenes += 1
                let heading = printed.joined(separator: " ").uppercased()
                place[Self.place(of: heading), default: 0] += 1
                let tod = Self.timeOfDay(of: heading)
                times[tod, default: 0] += 1
                time[Self.dayOrNight(tod), default: 0] += 1
                speaker = nil
            case let .character(name, _, _):
                let key = name.uppercased()
                // Merged case-insensitively; shown as first written (a forced `@McKENZIE` stays so).
                byName[key, default: CharacterCount(name: name, blocks: 0, words: 0)].blocks += 1
                speaker = key
                speechEnd = element.lines.upperBound
            case .dialogue, .lyrics, .parenthetical:
                if let speaker, element.continuesSpeech(endingAt: speechEnd) {
                    if element.kind != .parenthetical { byName[speaker]?.words += count }
                    speechEnd = element.lines.upperBound
                } else {
                    speaker = nil
                }
            default:
                speaker = nil
            }
            words += count
        }
        self.scenes = scenes
        self.words = words
        characters = byName.values.sorted {
            ($0.blocks, $0.words, $1.name) > ($1.blocks, $1.words, $0.name)
        }
        placeSplit = place
        timeSplit = time
        timesOfDay = times
    }

    static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        var hasAlnum = false
        for b in text.utf8 {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                if inWord && hasAlnum { count += 1 }
                inWord = false
                hasAlnum = false
            } else {
                inWord = true
                // ASCII letters and digits, or any non-ASCII byte (letters of other scripts).
                if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39 || b >= 0x80 { hasAlnum = true }
            }
        }
        if inWord && hasAlnum { count += 1 }
        return count
    }

    static func place(of heading: String) -> String {
        for prefix in ["INT./EXT", "INT/EXT", "EXT./INT", "EXT/INT", "I/E", "I./E", "E/I"] where heading.hasPrefix(prefix) {
            return "int_ext"
        }
        if heading.hasPrefix("INT") { return "int" }
        if heading.hasPrefix("EXT") || heading.hasPrefix("EST") { return "ext" }
        return "other"
    }

    static func timeOfDay(of heading: String) -> String {
        let chars = Array(heading)
        var k = chars.count - 3
        while k >= 0 {
            if chars[k] == " " && chars[k + 1] == "-" && chars[k + 2] == " " {
                return String(chars[(k + 3)...]).trimmingSpaces()
            }
            k -= 1
        }
        return ""
    }

    static let dayWords: Set<String> = ["DAY", "MORNING", "AFTERNOON", "NOON", "DAWN", "SUNRISE", "DAYTIME"]
    static let nightWords: Set<String> = ["NIGHT", "EVENING", "DUSK", "SUNSET", "MIDNIGHT", "NIGHTTIME"]

    static func dayOrNight(_ time: String) -> String {
        let words = time.split(whereSeparator: { !$0.isLetter }).map(String.init)
        if words.contains(where: dayWords.contains) { return "day" }
        if words.contains(where: nightWords.contains) { return "night" }
        return "other"
    }
}
