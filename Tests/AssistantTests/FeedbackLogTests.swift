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

    @Test func movingTheLogCopiesTheScriptsHistoryOnceAndLeavesTheOldLogAsItWas() throws {
        let folder = temporaryDirectory()
        let a = folder.appendingPathComponent("a.fountain").path, b = folder.appendingPathComponent("b.fountain").path
        let log = try FeedbackLog(script: a)
        log.append(record(1))
        log.append(record(2))
        try log.move(to: FeedbackLocation.log(forScript: b), carrying: .everything)
        log.append(record(3))
        #expect(log.url == FeedbackLocation.log(forScript: b))
        #expect(try FeedbackReader(contentsOf: FeedbackLocation.log(forScript: a)).records == [record(1), record(2)])
        #expect(try FeedbackReader(contentsOf: log.url).records == [record(1), record(2), record(3)])
        // Back to the first name: only what it lacks is copied (no duplicates).
        try log.move(to: FeedbackLocation.log(forScript: a), carrying: .everything)
        log.append(record(4))
        #expect(try FeedbackReader(contentsOf: log.url).records == [record(1), record(2), record(3), record(4)])
        // Another script: nothing carried over.
        let c = folder.appendingPathComponent("c.fountain").path
        try log.move(to: FeedbackLocation.log(forScript: c), carrying: .nothing)
        log.append(record(5))
        #expect(try FeedbackReader(contentsOf: log.url).records == [record(5)])
    }

    @Test func anUntitledLogCarriesOnlyThisSessionsRecords() throws {
        let folder = temporaryDirectory()
        let log = try FeedbackLog(url: folder.appendingPathComponent("untitled/feedback.jsonl"))
        var other = record(1)
        other.session = "another buffer"
        log.append(other)
        log.append(record(1))
        try log.move(to: FeedbackLocation.log(forScript: folder.appendingPathComponent("new.fountain").path),
                     carrying: .session("s"))
        #expect(try FeedbackReader(contentsOf: log.url).records == [record(1)])
    }

    @Test func aMoveThatFailsKeepsLoggingWhereItWas() throws {
        let folder = temporaryDirectory()
        let log = try FeedbackLog(url: folder.appendingPathComponent("feedback.jsonl"))
        // A file where the new folder would go.
        try Data("x".utf8).write(to: folder.appendingPathComponent("blocked"))
        #expect(throws: FeedbackLogError.self) {
            try log.move(to: folder.appendingPathComponent("blocked/feedback.jsonl"), carrying: .everything)
        }
        log.append(record(1))
        #expect(try FeedbackReader(contentsOf: folder.appendingPathComponent("feedback.jsonl")).records == [record(1)])
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
