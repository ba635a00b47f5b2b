import Testing
@testable import Backends

@Suite struct CandidateEventSinkTests {
    @Test func eachCandidateEndsOnceAndTheStreamFinishesWithTheLast() async {
        let (stream, continuation) = CandidateEventStream.makeStream()
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

    @Test func tokenRateCountsFromTheFirstToken() {
        let progress = CandidateProgress(tokens: 5, timeToFirstToken: .seconds(1), elapsed: .seconds(3))
        #expect(progress.tokensPerSecond == 2)
        #expect(CandidateProgress(tokens: 1, timeToFirstToken: .seconds(1), elapsed: .seconds(2)).tokensPerSecond == nil)
        #expect(CandidateProgress(tokens: 0, timeToFirstToken: nil, elapsed: .seconds(2)).tokensPerSecond == nil)
    }
}
