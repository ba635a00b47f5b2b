import ArgumentParser
import Backends
import Foundation

/// The flags that choose a backend, shared by every command that generates
/// (`intercut backends check` now; `intercut continue` and the editor next).
struct BackendOptions: ParsableArguments {
    @Option(name: .customLong("backend"),
            help: "embedded, ollama, openai, openai-chat, llamacpp, or the name of a [backends.NAME] config section.")
    var backend: String?

    @Option(name: .customLong("url"), help: "The server's base URL (e.g. http://127.0.0.1:8080/v1 for openai).")
    var url: String?

    @Option(name: .customLong("remote-model"), help: "The model name to ask the server for.")
    var remoteModel: String?

    @Option(name: .customLong("config"), help: "Config file (default: $XDG_CONFIG_HOME/intercut/config.toml).")
    var configPath: String?

    /// The configuration these flags select, over the config file.
    func resolve() throws(BackendError) -> BackendConfiguration {
        let catalog = try BackendConfigFile.loadCatalog(path: configPath)
        return try catalog.resolve(name: backend, url: url, model: remoteModel)
    }
}

/// Tells the writer, once per run, that script text is about to leave the machine.
enum PrivacyNotice {
    @MainActor private static var shown: Set<String> = []

    /// Prints the endpoint's notice to stderr the first time it is called for that host.
    @MainActor
    static func showOnce(for endpoint: RemoteEndpoint) {
        guard let notice = endpoint.privacyNotice, !shown.contains(endpoint.hostLabel) else { return }
        shown.insert(endpoint.hostLabel)
        BackendConsole.error("intercut: " + notice)
    }
}

/// Unbuffered output of the backend commands, so lines and streamed text
/// appear in order, as they come; errors are one line on stderr.
enum BackendConsole {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func line(_ text: String) {
        write(text + "\n")
    }
}
