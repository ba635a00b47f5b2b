import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOCore

/// One AsyncHTTPClient per timeout setting, shared by the whole process.
///
/// AsyncHTTPClient takes its connect and read timeouts from the client's
/// configuration, not per request, so backends with different timeouts need
/// different clients. Like `HTTPClient.shared`, these live until the process
/// ends and are never shut down (there are at most a handful).
enum HTTPClientPool {
    private static let clients = NIOLockedValueBox<[Timeouts: HTTPClient]>([:])

    static func client(for timeouts: Timeouts) -> HTTPClient {
        clients.withLockedValue { clients in
            if let client = clients[timeouts] { return client }
            var configuration = HTTPClient.Configuration()
            configuration.timeout = .init(
                connect: .nanoseconds(timeouts.connect.nanoseconds),
                read: .nanoseconds(timeouts.read.nanoseconds)
            )
            // A redirect could carry the Authorization header to another host.
            configuration.redirectConfiguration = .disallow
            configuration.decompression = .disabled
            // Report "connection refused" or a bad host at once, instead of
            // retrying until the connect timeout: the writer is waiting.
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            clients[timeouts] = client
            return client
        }
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let parts = components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }
}
