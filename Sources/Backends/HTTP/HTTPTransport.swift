import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Requests to one server: JSON in, a streamed or small JSON body out, every
/// failure turned into a one-line ``BackendError`` with secrets removed.
struct HTTPTransport: Sendable {
    let endpoint: RemoteEndpoint
    let timeouts: Timeouts
    let apiKey: String?
    let redactor: SecretRedactor
    private let client: HTTPClient

    /// The most bytes read from an error reply or a model listing.
    static let smallBodyLimit = 1 << 20

    init(endpoint: RemoteEndpoint, timeouts: Timeouts, apiKey: String?) {
        self.endpoint = endpoint
        self.timeouts = timeouts
        self.apiKey = apiKey
        redactor = SecretRedactor(secrets: [apiKey].compactMap { $0 })
        client = HTTPClientPool.client(for: timeouts)
    }

    /// POSTs `body` to `path` and returns the reply's body stream once the
    /// server answered 2xx. Iterating the body may throw AsyncHTTPClient
    /// errors: pass them through ``explain(_:)``.
    func postStreaming(_ path: String, json body: Data, accept: String) async throws -> HTTPClientResponse.Body {
        var request = makeRequest(path, method: .POST, accept: accept)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await execute(request)
        return response.body
    }

    /// GETs `path` and returns its (bounded) body.
    func get(_ path: String) async throws -> Data {
        let request = makeRequest(path, method: .GET, accept: "application/json")
        let response = try await execute(request)
        do {
            let buffer = try await response.body.collect(upTo: Self.smallBodyLimit)
            return Data(buffer.readableBytesView)
        } catch {
            throw explain(error)
        }
    }

    /// `error` as a one-line, redacted ``BackendError``.
    func explain(_ error: any Error) -> BackendError {
        let explained = BackendError.explaining(error, host: endpoint.hostLabel, timeouts: timeouts)
        return BackendError(redactor.oneLine(explained.message))
    }

    private func makeRequest(_ path: String, method: HTTPMethod, accept: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: endpoint.url(path))
        request.method = method
        request.headers.add(name: "Accept", value: accept)
        request.headers.add(name: "User-Agent", value: "intercut")
        if let apiKey, !apiKey.isEmpty {
            request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
        }
        return request
    }

    private func execute(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let response: HTTPClientResponse
        do {
            // The deadline bounds connecting and the reply's head; the read
            // timeout (client configuration) bounds every silence after that.
            response = try await client.execute(request, timeout: .nanoseconds((timeouts.connect + timeouts.read).nanoseconds))
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw explain(error)
        }
        guard (200..<300).contains(response.status.code) else {
            let message = await serverMessage(in: response.body)
            throw BackendError(redactor.oneLine(BackendError.httpStatus(
                response.status.code, reason: response.status.reasonPhrase, path: request.url.replacingOccurrences(of: endpoint.baseURL, with: ""),
                serverMessage: message
            ).message))
        }
        return response
    }

    /// The explanation in an error reply: `{"error":{"message"}}` (OpenAI),
    /// `{"error":"…"}` (Ollama), `{"detail":…}` (FastAPI), or its first text line.
    private func serverMessage(in body: HTTPClientResponse.Body) async -> String? {
        guard let buffer = try? await body.collect(upTo: 64 * 1024) else { return nil }
        return Self.errorMessage(inBody: Data(buffer.readableBytesView))
    }

    static func errorMessage(inBody data: Data) -> String? {
        if let object = try? JSONSerialization.jsonObject(with: data), let message = errorMessage(inJSON: object) {
            return message
        }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).first.map(String.init)
    }

    static func errorMessage(inJSON object: Any) -> String? {
        guard let dictionary = object as? [String: Any] else { return nil }
        for key in ["error", "detail", "message"] {
            switch dictionary[key] {
            case let text as String: return text
            case let nested as [String: Any]:
                if let message = nested["message"] as? String { return message }
                return errorMessage(inJSON: nested)
            case let list as [Any]:
                let messages = list.compactMap { ($0 as? [String: Any])?["msg"] as? String ?? ($0 as? String) }
                if !messages.isEmpty { return messages.joined(separator: "; ") }
            default: continue
            }
        }
        return nil
    }
}

/// Printing or dumping a transport (or a backend holding one) must not
/// reveal the API key: only the endpoint and timeouts are reflected.
extension HTTPTransport: CustomReflectable, CustomStringConvertible {
    var customMirror: Mirror {
        Mirror(self, children: ["endpoint": endpoint, "timeouts": timeouts, "hasAPIKey": apiKey != nil])
    }

    var description: String {
        "HTTPTransport(\(endpoint.hostLabel), key: \(apiKey == nil ? "none" : SecretRedactor.placeholder))"
    }
}
