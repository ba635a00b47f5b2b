import Testing
@testable import Backends

@Suite struct RemoteEndpointTests {
    @Test func loopbackHostsNeedNoNotice() throws {
        for url in ["http://127.0.0.1:8080/v1", "http://localhost:11434", "http://127.9.0.3", "http://[::1]:8080/", "http://LOCALHOST"] {
            let endpoint = try RemoteEndpoint(url)
            #expect(endpoint.isLoopback, "\(url)")
            #expect(endpoint.privacyNotice == nil)
        }
    }

    @Test func otherHostsGetAPrivacyNotice() throws {
        for url in ["http://192.168.1.20:11434", "https://api.example.com/v1", "http://128.0.0.1", "http://127.0.0.1.example.com"] {
            let endpoint = try RemoteEndpoint(url)
            #expect(!endpoint.isLoopback, "\(url)")
            #expect(endpoint.privacyNotice?.contains(endpoint.hostLabel) == true)
        }
    }

    @Test func normalizesTheBaseURL() throws {
        let endpoint = try RemoteEndpoint(" http://127.0.0.1:8080/v1/ ")
        #expect(endpoint.baseURL == "http://127.0.0.1:8080/v1")
        #expect(endpoint.url("/completions") == "http://127.0.0.1:8080/v1/completions")
        #expect(endpoint.hostLabel == "127.0.0.1:8080")
    }

    @Test func rejectsWhatIsNotAnHTTPURL() {
        for url in ["", "127.0.0.1:8080", "ftp://127.0.0.1", "http://", "not a url"] {
            #expect(throws: BackendError.self, "\(url)") { try RemoteEndpoint(url) }
        }
    }

    @Test func everyDefaultURLIsOnThisMachine() throws {
        for kind in BackendKind.allCases {
            guard let url = kind.defaultURL else { continue }
            #expect(try RemoteEndpoint(url).isLoopback, "\(kind)")
        }
    }
}
