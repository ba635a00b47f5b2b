import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A tiny HTTP/1.1 server on 127.0.0.1 (ephemeral port) that answers each
/// request with a scripted sequence of raw bytes, pauses and closes: the
/// faults a real server can produce, on demand. It records every request and
/// counts connections opened and closed, so tests can check that a cancelled
/// generation really closed its connection.
final class FaultServer: Sendable {
    /// One step of a reply.
    enum Step: Sendable {
        /// Raw bytes, as is.
        case raw(String)
        /// A status line and headers for a chunked (streamed) reply.
        case streamHead(status: Int = 200, contentType: String = "text/event-stream")
        /// One chunk of a chunked reply.
        case chunk(String)
        /// The last chunk of a chunked reply.
        case endChunks
        /// A whole reply with a Content-Length.
        case reply(status: Int, contentType: String = "application/json", body: String)
        case pause(Duration)
        /// `step`, `count` times (stops early if the client has gone).
        case repeating(count: Int, [Step])
        case close
    }

    /// A request as received.
    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: Data

        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        }
    }

    private struct Counters {
        var requests: [Request] = []
        var opened = 0
        var closed = 0
    }

    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let counters: NIOLockedValueBox<Counters>
    let port: Int

    /// Starts the server; `respond` maps each request (and its 0-based
    /// number) to the steps of its reply.
    init(respond: @escaping @Sendable (Request, Int) -> [Step]) async throws {
        let counters = NIOLockedValueBox(Counters())
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                counters.withLockedValue { $0.opened += 1 }
                channel.closeFuture.whenComplete { _ in counters.withLockedValue { $0.closed += 1 } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        RequestReader { request in
                            let number = counters.withLockedValue { counters in
                                counters.requests.append(request)
                                return counters.requests.count - 1
                            }
                            let steps = respond(request, number)
                            Task { await Self.play(steps, on: channel) }
                        }
                    )
                }
            }
        channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
        self.group = group
        self.counters = counters
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requests: [Request] { counters.withLockedValue { $0.requests } }
    var openConnections: Int { counters.withLockedValue { $0.opened - $0.closed } }
    var connectionsOpened: Int { counters.withLockedValue { $0.opened } }

    /// Waits (up to `limit`) until every accepted connection is closed;
    /// returns whether they all were. A bound against hangs, not a timing check.
    func allConnectionsClosed(within limit: Duration = .seconds(5)) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if openConnections == 0 { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return openConnections == 0
    }

    func shutdown() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }

    private static func play(_ steps: [Step], on channel: any Channel) async {
        for step in steps {
            guard channel.isActive else { return }
            do {
                switch step {
                case .raw(let text):
                    try await write(text, to: channel)
                case .streamHead(let status, let contentType):
                    try await write(
                        "HTTP/1.1 \(status) \(reason(status))\r\nContent-Type: \(contentType)\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n", to: channel)
                case .chunk(let text):
                    let bytes = Array(text.utf8)
                    try await write(String(bytes.count, radix: 16) + "\r\n" + text + "\r\n", to: channel)
                case .endChunks:
                    try await write("0\r\n\r\n", to: channel)
                case .reply(let status, let contentType, let body):
                    try await write(
                        "HTTP/1.1 \(status) \(reason(status))\r\nContent-Type: \(contentType)\r\n"
                            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body, to: channel)
                case .pause(let duration):
                    try await Task.sleep(for: duration)
                case .repeating(let count, let inner):
                    for _ in 0..<count {
                        guard channel.isActive else { return }
                        await play(inner, on: channel)
                    }
                case .close:
                    try await channel.close()
                }
            } catch {
                return
            }
        }
    }

    private static func write(_ text: String, to channel: any Channel) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// Reads HTTP/1.1 requests (head plus Content-Length body) off a connection.
/// A TLS ClientHello gets what a plain server answers: a 400 and a close.
private final class RequestReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private var buffer: [UInt8] = []
    private let onRequest: (FaultServer.Request) -> Void

    init(onRequest: @escaping (FaultServer.Request) -> Void) {
        self.onRequest = onRequest
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        buffer += Array(unwrapInboundIn(data).readableBytesView)
        if buffer.first == 0x16 {
            let reply = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply)), promise: nil)
            context.close(promise: nil)
            return
        }
        while let request = takeRequest() { onRequest(request) }
    }

    typealias OutboundOut = ByteBuffer

    private func takeRequest() -> FaultServer.Request? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headEnd = buffer.firstRange(of: separator) else { return nil }
        let head = String(decoding: buffer[..<headEnd.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        guard buffer.count - headEnd.upperBound >= length else { return nil }
        let body = Data(buffer[headEnd.upperBound..<(headEnd.upperBound + length)])
        buffer.removeFirst(headEnd.upperBound + length)
        return FaultServer.Request(
            method: requestLine.first.map(String.init) ?? "",
            path: requestLine.dropFirst().first.map(String.init) ?? "",
            headers: headers, body: body
        )
    }
}
