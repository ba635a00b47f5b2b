import EditorCore
import Foundation
import TOMLKit

/// Finds and reads `NAME.toml` theme files.
///
/// Format (every key optional; roles are `StyleRole` names):
///
///     name = "dark"
///     [styles]
///     sceneHeading = { fg = "#ffd75f", bg = "default", attributes = ["bold"] }
///     note = { fg = "bright-black", attributes = ["dim", "italic"] }
///
/// Colours: `default`, the 8 names (`red`…) and `bright-` forms, 0–255, or
/// `#rrggbb`. Attributes: bold, italic, underline, dim, reverse.
public enum ThemeLoader {
    /// Why a theme could not be used, as one line.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Where theme files are looked for, first match wins: a path if `name`
    /// contains "/" or ends in ".toml"; `$XDG_CONFIG_HOME/intercut/themes`;
    /// `$INTERCUT_THEMES`; a `themes` folder beside or above the executable
    /// (the repository checkout, or `share/intercut/themes` of an install).
    public static func searchDirectories(environment: [String: String], executable: String) -> [String] {
        var directories: [String] = []
        directories.append((IntercutConfig.configDirectory(environment: environment) as NSString).appendingPathComponent("themes"))
        if let extra = environment["INTERCUT_THEMES"], !extra.isEmpty { directories.append(extra) }
        // A relative argv[0] (`.build/release/intercut`) must be made absolute
        // first, or walking up its folders stops at the current directory.
        let absolute = executable.hasPrefix("/")
            ? executable
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(executable)
        var dir = ((absolute as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
        for _ in 0..<5 where dir.count > 1 {
            directories.append((dir as NSString).appendingPathComponent("themes"))
            directories.append((dir as NSString).appendingPathComponent("share/intercut/themes"))
            dir = (dir as NSString).deletingLastPathComponent
        }
        return directories
    }

    /// Loads the theme called `name`, searching `directories`.
    public static func load(named name: String, directories: [String]) -> Result<Theme, Failure> {
        let candidates: [String]
        if name.contains("/") || name.hasSuffix(".toml") {
            candidates = [(name as NSString).expandingTildeInPath]
        } else {
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                return .failure(Failure(description: "theme '\(name)': not a theme name"))
            }
            candidates = directories.map { ($0 as NSString).appendingPathComponent("\(name).toml") }
        }
        guard let path = candidates.first(where: { FileManager.default.isReadableFile(atPath: $0) }) else {
            return .failure(Failure(description: "theme '\(name)' not found (looked in \(directories.first ?? "."))"))
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return .failure(Failure(description: "theme \(path): cannot read as UTF-8"))
        }
        return parse(text, name: name, path: path)
    }

    /// Parses theme TOML text; every problem is reported, the first as the failure.
    public static func parse(_ text: String, name: String, path: String = "theme") -> Result<Theme, Failure> {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return .failure(Failure(description: "\(path): line \(error.source.begin.line): \(error.description)"))
        } catch {
            return .failure(Failure(description: "\(path): \(error)"))
        }
        guard let styleTable = table["styles"]?.table else {
            return .failure(Failure(description: "\(path): no [styles] table"))
        }
        var styles: [StyleRole: ThemeStyle] = [:]
        for key in styleTable.keys {
            guard let role = StyleRole(rawValue: key) else {
                return .failure(Failure(description: "\(path): unknown style role '\(key)'"))
            }
            guard let entry = styleTable[key]?.table else {
                return .failure(Failure(description: "\(path): '\(key)' must be a table like { fg = \"red\" }"))
            }
            var style = ThemeStyle()
            for field in entry.keys {
                switch field {
                case "fg", "bg":
                    guard let spec = entry[field]?.string, let color = ThemeColor(parsing: spec) else {
                        return .failure(Failure(description: "\(path): \(key).\(field): not a colour (use a name, 0-255 or #rrggbb)"))
                    }
                    if field == "fg" { style.foreground = color } else { style.background = color }
                case "attributes":
                    guard let list = entry[field]?.array else {
                        return .failure(Failure(description: "\(path): \(key).attributes must be a list of names"))
                    }
                    for item in list {
                        guard let attribute = item.string.flatMap(attributeNamed) else {
                            return .failure(Failure(description: "\(path): \(key).attributes: unknown attribute (bold, italic, underline, dim, reverse)"))
                        }
                        style.attributes.insert(attribute)
                    }
                default:
                    return .failure(Failure(description: "\(path): \(key): unknown field '\(field)' (fg, bg, attributes)"))
                }
            }
            styles[role] = style
        }
        return .success(Theme(name: table["name"]?.string ?? name, styles: styles))
    }

    static func attributeNamed(_ name: String) -> CellAttributes? {
        switch name.lowercased() {
        case "bold": .bold
        case "italic": .italic
        case "underline": .underline
        case "dim": .dim
        case "reverse": .reverse
        default: nil
        }
    }
}
