import Foundation

/// Turns a server's reply bytes into ``WireEvent``s: framing (SSE or JSON
/// lines, chunked anywhere), JSON decoding, and chat-reply cleaning.
struct WireStreamDecoder {
    private let format: any WireFormat
    private var sse: ServerSentEventParser
    private var lines: LineSplitter
    private var cleaners: [Int: ChatReplyCleaner] = [:]

    /// Longest accepted line (and SSE field): a JSON chunk is a few hundred bytes.
    static let maxLineBytes = 256 * 1024

    init(format: any WireFormat) {
        self.format = format
        sse = ServerSentEventParser(maxLineBytes: Self.maxLineBytes)
        lines = LineSplitter(maxLineBytes: Self.maxLineBytes)
    }

    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) throws(BackendError) -> [WireEvent]
    where Bytes.Element == UInt8 {
        do {
            switch format.framing {
            case .serverSentEvents:
                return clean(try sse.feed(bytes).flatMap { try decode(event: $0) })
            case .jsonLines:
                return clean(try lines.feed(bytes).flatMap { try decode(line: $0) })
            }
        } catch let error as BackendError {
            throw error
        } catch let error as LineTooLong {
            throw .lineTooLong(error.limit)
        } catch {
            throw .malformed(String(describing: error))
        }
    }

    /// Events still pending when the reply ended.
    mutating func finish() throws(BackendError) -> [WireEvent] {
        do {
            switch format.framing {
            case .serverSentEvents:
                return clean(try sse.finish().flatMap { try decode(event: $0) })
            case .jsonLines:
                return clean(try lines.finish().map { try decode(line: $0) } ?? [])
            }
        } catch let error as BackendError {
            throw error
        } catch {
            throw .malformed(String(describing: error))
        }
    }

    /// Text a chat cleaner still holds for `choice`, when it finishes.
    mutating func flush(choice: Int) -> String {
        cleaners[choice]?.finish() ?? ""
    }

    private func decode(event: ServerSentEvent) throws -> [WireEvent] {
        let data = event.data.trimmingCharacters(in: .whitespaces)
        if data == "[DONE]" { return [.endOfStream] }
        if event.type == "error" {
            let message = (try? JSONSerialization.jsonObject(with: Data(data.utf8)))
                .flatMap(HTTPTransport.errorMessage(inJSON:)) ?? data
            return [.failure(message)]
        }
        return try decode(json: data)
    }

    private func decode(line: String) throws -> [WireEvent] {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? [] : try decode(json: trimmed)
    }

    private func decode(json text: String) throws -> [WireEvent] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw BackendError.malformed("not a JSON object: \(text)")
        }
        if object["error"] != nil, let message = HTTPTransport.errorMessage(inJSON: object) {
            return [.failure(message)]
        }
        return try format.events(inMessage: object)
    }

    private mutating func clean(_ events: [WireEvent]) -> [WireEvent] {
        guard format.isChat else { return events }
        return events.map { event in
            guard case .text(let choice, let text, let tokens) = event else { return event }
            return .text(choice: choice, cleaners[choice, default: ChatReplyCleaner()].feed(text), tokens: tokens)
        }
    }
}
