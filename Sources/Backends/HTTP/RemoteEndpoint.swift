import Foundation

/// A server's base URL, checked once: scheme, host, and whether script text
/// sent there stays on this machine.
public struct RemoteEndpoint: Sendable, Equatable {
    /// The base URL without a trailing slash, e.g. `http://127.0.0.1:8080/v1`.
    public let baseURL: String
    /// `host:port` as shown in messages (never the credentials of the URL).
    public let hostLabel: String
    /// True for 127.0.0.0/8, ::1 and `localhost`: nothing leaves the machine.
    public let isLoopback: Bool

    /// Parses `url`; throws a one-line ``BackendError`` if it is not an http(s) URL with a host.
    public init(_ url: String) throws {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else {
            throw BackendError("invalid server URL \"\(Self.withoutCredentials(trimmed))\" (expected http://HOST:PORT…)")
        }
        if components.user != nil || components.password != nil {
            throw BackendError(
                "the server URL must not contain credentials; name the environment variable holding the key with api_key_env")
        }
        var base = trimmed
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
        let port = components.port.map { ":\($0)" } ?? ""
        hostLabel = host.contains(":") ? "[\(host)]\(port)" : "\(host)\(port)"
        isLoopback = Self.isLoopbackHost(host)
    }

    /// The notice shown once when script text is about to leave the machine.
    public var privacyNotice: String? {
        isLoopback
            ? nil
            : "note: \(hostLabel) is not on this machine; the script text you ask to continue is sent there."
    }

    func url(_ path: String) -> String {
        baseURL + path
    }

    static func isLoopbackHost(_ rawHost: String) -> Bool {
        let host = rawHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host == "0:0:0:0:0:0:0:1" {
            return true
        }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    private static func withoutCredentials(_ url: String) -> String {
        guard let at = url.firstIndex(of: "@"), let scheme = url.range(of: "://"), scheme.upperBound < at else {
            return url
        }
        return String(url[..<scheme.upperBound]) + String(url[url.index(after: at)...])
    }
}
