/// One server-sent event: its type and its data (data lines joined by "\n").
struct ServerSentEvent: Equatable {
    var type: String
    var data: String
}

/// Server-sent events (text/event-stream) as the WHATWG HTML standard
/// defines them, fed with arbitrary byte chunks.
///
/// Comments (`:` lines, used as keep-alive pings) are skipped; `event`
/// sets the type; `id` and `retry` are accepted and ignored (Intercut never
/// reconnects a generation); unknown fields are ignored; consecutive `data`
/// lines join with "\n". Unlike the standard, an event still pending when
/// the stream ends is delivered: some servers omit the final blank line.
struct ServerSentEventParser {
    private var lines: LineSplitter
    private var eventType = ""
    private var data = ""
    private var hasData = false
    private var atStart = true

    init(maxLineBytes: Int = 1 << 20) {
        lines = LineSplitter(maxLineBytes: maxLineBytes)
    }

    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) throws(LineTooLong) -> [ServerSentEvent]
    where Bytes.Element == UInt8 {
        var events: [ServerSentEvent] = []
        for line in try lines.feed(bytes) {
            if let event = process(line) { events.append(event) }
        }
        return events
    }

    mutating func finish() -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        if let line = lines.finish(), let event = process(line) { events.append(event) }
        if let event = dispatch() { events.append(event) }
        return events
    }

    private mutating func process(_ rawLine: String) -> ServerSentEvent? {
        var line = Substring(rawLine)
        if atStart {
            atStart = false
            if line.first == "\u{FEFF}" { line = line.dropFirst() }
        }
        if line.isEmpty { return dispatch() }
        if line.first == ":" { return nil }
        let field: Substring
        var value: Substring
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            value = line[line.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = line
            value = ""
        }
        switch field {
        case "data":
            if hasData { data += "\n" }
            data += value
            hasData = true
        case "event":
            eventType = String(value)
        default:
            break  // id, retry and unknown fields
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer {
            data = ""
            hasData = false
            eventType = ""
        }
        guard hasData else { return nil }
        return ServerSentEvent(type: eventType.isEmpty ? "message" : eventType, data: data)
    }
}
