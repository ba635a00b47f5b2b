import AsyncHTTPClient
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A remote backend failure, as one line a writer can act on.
///
/// Messages name the host, never the full URL's credentials or the API key
/// (``SecretRedactor`` scrubs every message before it leaves the module).
public struct BackendError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    // MARK: - The failures Intercut explains

    static func connectionRefused(_ host: String) -> BackendError {
        BackendError("cannot connect to \(host): connection refused (is the server running?)")
    }

    static func unknownHost(_ host: String) -> BackendError {
        BackendError("cannot resolve host \(host) (check the URL)")
    }

    static func tlsFailure(_ host: String) -> BackendError {
        BackendError("TLS handshake with \(host) failed (is the server plain http?)")
    }

    static func connectTimeout(_ host: String, _ seconds: Double) -> BackendError {
        BackendError("connecting to \(host) timed out after \(formatSeconds(seconds))")
    }

    static func readTimeout(_ host: String, _ seconds: Double) -> BackendError {
        BackendError("no data from \(host) for \(formatSeconds(seconds)); gave up")
    }

    static func connectionClosed(_ host: String) -> BackendError {
        BackendError("\(host) closed the connection before the reply was complete")
    }

    static func httpStatus(_ code: UInt, reason: String, path: String, serverMessage: String?) -> BackendError {
        let status = "HTTP \(code) \(reason)".trimmingTrailingSpaces + (code == 404 ? " for \(path)" : "")
        let hint = switch code {
        case 401, 403: " (check the API key)"
        case 404: " (check the URL, the backend kind and the model name)"
        case 500...: " (server error)"
        default: ""
        }
        guard let serverMessage, !serverMessage.isEmpty else {
            return BackendError("\(status) with no explanation\(hint)")
        }
        return BackendError("\(status): \(serverMessage)\(hint)")
    }

    static func streamCut(_ host: String) -> BackendError {
        BackendError("the stream from \(host) ended before the reply was complete")
    }

    static func malformed(_ detail: String) -> BackendError {
        BackendError("malformed reply from the server: \(detail)")
    }

    static func lineTooLong(_ limit: Int) -> BackendError {
        BackendError("the server sent a line longer than \(limit / 1024) KiB; gave up")
    }

    static func server(_ message: String) -> BackendError {
        BackendError("server error: \(message)")
    }

    /// Explains an error thrown by AsyncHTTPClient or SwiftNIO while talking to `host`.
    static func explaining(_ error: any Error, host: String, timeouts: Timeouts) -> BackendError {
        if let known = error as? BackendError { return known }
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return connectTimeout(host, timeouts.connect.secondsDouble)
            case .readTimeout:
                return readTimeout(host, timeouts.read.secondsDouble)
            case .remoteConnectionClosed:
                return connectionClosed(host)
            case .tlsHandshakeTimeout:
                return tlsFailure(host)
            case .invalidURL, .emptyHost, .emptyScheme:
                return BackendError("invalid server URL for \(host)")
            case .deadlineExceeded:
                // The deadline covers connecting plus waiting for the reply's head.
                return BackendError("no reply from \(host) within \(formatSeconds((timeouts.connect + timeouts.read).secondsDouble)); gave up")
            default:
                break
            }
        }
        if let code = errnoCode(in: error) {
            switch code {
            case ECONNREFUSED: return connectionRefused(host)
            case ECONNRESET, EPIPE: return connectionClosed(host)
            case ETIMEDOUT: return connectTimeout(host, timeouts.connect.secondsDouble)
            case ENETUNREACH, EHOSTUNREACH: return BackendError("cannot reach \(host): network unreachable")
            default: break
            }
        }
        let typeName = String(reflecting: type(of: error))
        if typeName.contains("NIOSSL") || typeName.contains("BoringSSL") {
            return tlsFailure(host)
        }
        if error is SocketAddressError || typeName.contains("DNS") || isDNSFailure(error) {
            return unknownHost(host)
        }
        return BackendError("request to \(host) failed: \(String(describing: error))")
    }

    /// The errno of an `IOError`, possibly wrapped in NIO's connection error.
    private static func errnoCode(in error: any Error) -> Int32? {
        if let io = error as? IOError { return io.errnoCode }
        if let connection = error as? NIOConnectionError {
            for failure in connection.connectionErrors {
                if let code = errnoCode(in: failure.error) { return code }
            }
        }
        return nil
    }

    private static func isDNSFailure(_ error: any Error) -> Bool {
        guard let connection = error as? NIOConnectionError else { return false }
        return connection.connectionErrors.isEmpty && (connection.dnsAError != nil || connection.dnsAAAAError != nil)
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
