import ArgumentParser
import Foundation
import Fountain

/// `intercut stats FILE [--json]`: page count, scenes, words, who speaks how
/// much, and the INT/EXT and DAY/NIGHT split.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count pages, scenes, words and each character's dialogue (e.g. intercut stats script.fountain).",
        discussion: """
            Pages use the 55-line US Letter layout (--paper a4 for 57-line A4), title page excluded. Words \
            count printed text only: boneyard, notes, sections and synopses are left out. With --json the \
            output is {"pages","scenes","words","characters":[{"name","blocks","words"}],"int_ext":{…},\
            "day_night":{…},"times_of_day":{…}}.

            Examples:
              intercut stats examples/the-quiet-dial.fountain
              intercut stats - --json < script.fountain
            """
    )

    @Argument(help: "The Fountain file to read, or - for standard input.")
    var file: String

    @Flag(name: .long, help: "Print JSON instead of readable text.")
    var json = false

    @Option(name: .long, help: "Paper for the page count: letter or a4.")
    var paper: PaperSize = .letter

    @Flag(name: .long, help: "Replace invalid UTF-8 (with a warning) instead of failing.")
    var lossy = false

    func run() throws {
        let document = InputFile.document(file, lossy: lossy)
        let stats = ScriptStatistics(document, paper: paper)
        let output = json ? Self.json(stats) : Self.text(stats, paper: paper)
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    static func json(_ stats: ScriptStatistics) -> String {
        let object: [String: Any] = [
            "pages": stats.pages,
            "scenes": stats.scenes,
            "words": stats.words,
            "characters": stats.characters.map { ["name": $0.name, "blocks": $0.blocks, "words": $0.words] },
            "int_ext": stats.placeSplit,
            "day_night": stats.timeSplit,
            "times_of_day": stats.timesOfDay,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func text(_ stats: ScriptStatistics, paper: PaperSize) -> String {
        var out = """
            Pages:  \(stats.pages) (\(paper == .letter ? "US Letter, 55 lines" : "A4, 57 lines"))
            Scenes: \(stats.scenes)
            Words:  \(stats.words)

            """
        let p = stats.placeSplit, t = stats.timeSplit
        out += "INT/EXT: \(p["int"] ?? 0) INT, \(p["ext"] ?? 0) EXT, \(p["int_ext"] ?? 0) INT./EXT., \(p["other"] ?? 0) other\n"
        out += "DAY/NIGHT: \(t["day"] ?? 0) day, \(t["night"] ?? 0) night, \(t["other"] ?? 0) other\n"
        if !stats.characters.isEmpty {
            let width = max(9, stats.characters.map(\.name.count).max() ?? 0)
            out += "\n" + "Character".padding(toLength: width, withPad: " ", startingAt: 0) + "  Blocks   Words\n"
            for c in stats.characters {
                out += c.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + String(repeating: " ", count: max(0, 8 - String(c.blocks).count)) + "\(c.blocks)"
                    + String(repeating: " ", count: max(0, 8 - String(c.words).count)) + "\(c.words)\n"
            }
        }
        return out
    }
}

extension PaperSize: ExpressibleByArgument {}
