import Foundation
import Testing
@testable import Assistant

@Suite struct FeedbackLogTests {
    private func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("intercut-log-\(UUID().uuidString)")
    }

    private func record(_ request: Int, text: String = "VERA\nHurry.") -> FeedbackRecord {
        var record = FeedbackRecord(event: .candidate, session: "s", request: request, time: "2026-11-24T23:00:00.000Z")
        record.index = 0
        record.text = text
        return record
    }

    @Test func theLogLivesInTheScriptsIntercutFolderOrTheStateDirectory() {
        #expect(FeedbackLocation.log(forScript: "/films/heist.fountain").path
                == "/films/.heist.fountain.intercut/feedback.jsonl")
        #expect(FeedbackLocation.log(forScript: nil, environment: ["XDG_STATE_HOME": "/state"]).path
                == "/state/intercut/untitled/feedback.jsonl")
        #expect(FeedbackLocation.log(forScript: nil, environment: ["HOME": "/home/w"]).path
                == "/home/w/.local/state/intercut/untitled/feedback.jsonl")
    }

    @Test func aRecordIsInTheFileWhenAppendReturns() throws {
        let log = try FeedbackLog(script: temporaryDirectory().appendingPathComponent("a.fountain").path)
        log.append(record(1))
        // Read through another descriptor, before any fsync or close: what a
        // process killed now would leave behind.
        let reader = try FeedbackReader(contentsOf: log.url)
        #expect(reader.records == [record(1)])
        #expect(reader.skippedLines == 0)
    }

    @Test func concurrentAppendsStayWholeLines() async throws {
        let log = try FeedbackLog(url: temporaryDirectory().appendingPathComponent("feedback.jsonl"))
        let long = String(repeating: "Two more turns. ", count: 400)
        await withTaskGroup(of: Void.self) { group in
            for request in 1...200 { group.addTask { log.append(self.record(request, text: long)) } }
        }
        log.synchronize()
        let reader = try FeedbackReader(contentsOf: log.url)
        #expect(reader.skippedLines == 0)
        #expect(Set(reader.records.map(\.request)) == Set(1...200))
    }

    @Test func aTornLastLineIsSkippedAndCounted() throws {
        let url = temporaryDirectory().appendingPathComponent("feedback.jsonl")
        let log = try FeedbackLog(url: url)
        log.append(record(1))
        log.append(record(2))
        log.synchronize()
        var data = try Data(contentsOf: url)
        data.removeLast(10)  // a crash mid-write of the second record
        let reader = FeedbackReader(data: data)
        #expect(reader.records.map(\.request) == [1])
        #expect(reader.skippedLines == 1)
    }
}
