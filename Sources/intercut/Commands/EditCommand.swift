import ArgumentParser
import Assistant
import EditorCore
import Foundation
import Terminal

/// `intercut [FILE]`: the editor. The default subcommand, so `intercut
/// heist.fountain` and `intercut` alone open it.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Open the editor on FILE; the default command (e.g. intercut script.fountain).",
        discussion: """
        FILE is created on the first save if it does not exist; with no FILE the \
        editor opens an untitled buffer. F1 inside the editor lists every key.
        Settings: $XDG_CONFIG_HOME/intercut/config.toml (theme, [keys] overrides, \
        [suggestions]). ^Space suggests continuations from the embedded model \
        (or the backend [suggestions] names); F1 lists the suggestion keys.
        """
    )

    @Argument(help: "The Fountain screenplay to open.")
    var file: String?

    @Option(help: "Theme: a name from themes/ (dark, light, high-contrast, monochrome) or a .toml path.")
    var theme: String?

    @Option(help: "Config file to read instead of $XDG_CONFIG_HOME/intercut/config.toml.")
    var config: String?

    func run() throws {
        let startTime = DispatchTime.now().uptimeNanoseconds
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            FileHandle.standardError.write(Data("intercut: the editor needs a terminal on stdin and stdout (use a subcommand for pipes; see --help)\n".utf8))
            throw ExitCode(2)
        }
        let environment = ProcessInfo.processInfo.environment
        var problems: [String] = []

        let configPath = config ?? IntercutConfig.defaultPath(environment: environment)
        let (settings, configProblem) = IntercutConfig.load(path: configPath)
        if let configProblem { problems.append(configProblem) }

        let themeDirectories = ThemeLoader.searchDirectories(environment: environment, executable: Bundle.main.executablePath ?? CommandLine.arguments[0])
        let themeName = theme ?? settings.theme ?? "dark"
        let chosenTheme: Theme
        switch ThemeLoader.load(named: themeName, directories: themeDirectories) {
        case .success(let loaded): chosenTheme = loaded
        case .failure(let failure):
            problems.append("\(failure.description); using the built-in theme")
            chosenTheme = .builtIn
        }

        let document: Document
        if let file {
            do {
                document = try FileSession.readDocument(path: file)
            } catch {
                FileHandle.standardError.write(Data("intercut: \(error)\n".utf8))
                throw ExitCode(1)
            }
        } else {
            document = Document(path: nil, text: "")
        }

        let editor = Editor(document: document, keymapOverrides: settings.keys)
        editor.systemClipboard = settings.systemClipboard
        editor.suggestionOptions = SuggestionOptions(count: settings.suggestions.count ?? SuggestionSettings().count,
                                                     regenerateOnReject: settings.suggestions.regenerateOnReject ?? true)
        problems += editor.keymapErrors
        if !problems.isEmpty { editor.showError(problems.joined(separator: "; ")) }
        let files = FileSession(editor: editor, journalDirectory: RecoveryJournal.defaultDirectory(environment: environment))

        let loop: UILoop
        do {
            loop = try UILoop(editor: editor, files: files, theme: chosenTheme,
                              fallbackTheme: { try? ThemeLoader.load(named: "monochrome", directories: themeDirectories).get() },
                              environment: environment, startTime: startTime)
        } catch {
            FileHandle.standardError.write(Data("intercut: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let queue = loop.queue
        let bridge = SuggestionBridge(post: { work in queue.post(work) })
        loop.suggestionHandler = { bridge.perform($0) }
        SuggestionBackendLoader.start(
            .init(config: settings.suggestions, configPath: config, scriptPath: document.path, environment: environment),
            bridge: bridge, notice: { message in queue.post { $0.showMessage(message) } })
        let ending = loop.run()
        bridge.finish(editor.finishSuggestions())
        if ending.exitCode != 0 { throw ExitCode(ending.exitCode) }
    }
}
