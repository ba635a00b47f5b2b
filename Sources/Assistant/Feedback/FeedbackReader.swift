import Foundation

/// Reads a feedback log. Lines that are not records (torn by a crash,
/// edited by hand, from a future version) are skipped and counted.
public struct FeedbackReader: Sendable {
    var records: [FeedbackRecord]
    /// Lines that could not be read as records.
    public var skippedLines: Int

    /// Parses the log's bytes.
    public init(data: Data) {
        let decoder = JSONDecoder()
        records = []
        skippedLines = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            if let record = try? decoder.decode(FeedbackRecord.self, from: Data(line)) {
                records.append(record)
            } else {
                skippedLines += 1
            }
        }
    }

    /// Reads the log at `url`.
    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw FeedbackLogError("cannot read \(url.path)")
        }
        self.init(data: data)
    }

    /// A request: its prompt and the last outcome of each shown candidate.
    struct Request {
        var prompt: String?
        /// Keyed by (index, attempt); the writer's last decision wins.
        var outcomes: [SlotKey: FeedbackRecord] = [:]
        var order: [SlotKey] = []
    }

    struct SlotKey: Hashable {
        var index: Int
        var attempt: Int
    }

    struct RequestKey: Hashable {
        var session: String
        var request: Int
    }

    /// Requests in log order, with their outcomes.
    var requests: [(key: RequestKey, request: Request)] {
        var table: [RequestKey: Request] = [:]
        var order: [RequestKey] = []
        for record in records {
            let key = RequestKey(session: record.session, request: record.request)
            if table[key] == nil { table[key] = Request(); order.append(key) }
            switch record.event {
            case .request:
                table[key]!.prompt = record.prompt
            case .outcome:
                let slot = SlotKey(index: record.index ?? 0, attempt: record.attempt ?? 0)
                if table[key]!.outcomes[slot] == nil { table[key]!.order.append(slot) }
                table[key]!.outcomes[slot] = record
            case .candidate:
                break
            }
        }
        return order.map { ($0, table[$0]!) }
    }
}
