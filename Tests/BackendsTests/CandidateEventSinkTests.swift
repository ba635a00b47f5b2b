import Synchronization
import Testing
@testable import Backends

@Suite struct CandidateEventSinkTests {
    @Test func eachCandidateEndsOnceAndTheStreamFinishesWithTheLast() async {
        let (stream, continuation) = AsyncStream<CandidateEvent>.makeStream()
        let sink = CandidateEventSink(continuation: continuation, candidateCount: 2)
        sink.state(0, .streaming)
        sink.text(0, "a")
        sink.state(0, .done(.stop))
        sink.text(0, "late")                 // dropped: candidate 0 is final
        sink.state(0, .failed("late"))       // dropped
        sink.state(1, .failed("boom"))
        sink.text(1, "late")                 // dropped
        let run = await CollectedRun.collect(stream)  // returns: the stream finished
        #expect(run.states[0] == [.queued, .streaming, .done(.stop)])
        #expect(run.states[1] == [.queued, .failed("boom")])
        #expect(run.text(0) == "a" && run.text(1) == "")
        #expect(run.eventsAfterFinal == 0)
    }

    @Test func stoppingOneCandidateEndsItAndRunsOnlyItsWatchers() async {
        let (stream, continuation) = AsyncStream<CandidateEvent>.makeStream()
        let sink = CandidateEventSink(continuation: continuation, candidateCount: 3)
        let fired = Mutex<[String]>([])
        sink.whenFinal([1]) { fired.withLock { $0.append("one") } }
        sink.whenFinal([0, 1]) { fired.withLock { $0.append("zero and one") } }
        sink.state(1, .streaming)
        sink.text(1, "a")
        sink.stop(1)
        sink.text(1, "late")                 // dropped: stopped
        sink.stop(1)                         // a second stop changes nothing
        #expect(fired.withLock { $0 } == ["one"])
        sink.state(0, .done(.stop))
        #expect(fired.withLock { $0 } == ["one", "zero and one"])
        sink.whenFinal([1]) { fired.withLock { $0.append("late watcher") } }   // already final: runs at once
        #expect(fired.withLock { $0 }.last == "late watcher")
        sink.state(2, .done(.stop))
        let run = await CollectedRun.collect(stream)
        #expect(run.states[1] == [.queued, .streaming, .stopped])
        #expect(run.text(1) == "a")
        #expect(run.eventsAfterFinal == 0)
    }

    @Test func tokenRateCountsFromTheFirstToken() {
        let progress = CandidateProgress(tokens: 5, timeToFirstToken: .seconds(1), elapsed: .seconds(3))
        #expect(progress.tokensPerSecond == 2)
        #expect(CandidateProgress(tokens: 1, timeToFirstToken: .seconds(1), elapsed: .seconds(2)).tokensPerSecond == nil)
        #expect(CandidateProgress(tokens: 0, timeToFirstToken: nil, elapsed: .seconds(2)).tokensPerSecond == nil)
    }
}
