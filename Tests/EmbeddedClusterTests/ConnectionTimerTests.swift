import ServingLimits
import Testing

/// `ConnectionTimer` fed events with no I/O: which deadline runs at each stage, as Go's server
/// runs them for kube-apiserver.
@Suite("connection timer") struct ConnectionTimerTests {
  let limits = ConnectionDeadlines(handshake: .seconds(10), header: .seconds(32), idle: .seconds(90))
  let start = ContinuousClock.now

  @Test func aTLSConnectionFirstHasTheHandshakeDeadlineThenTheHeaderDeadline() {
    var timer = ConnectionTimer(tls: true, limits: limits, now: start)
    #expect(timer.phase == .handshaking)
    #expect(timer.deadline == start + .seconds(10))
    #expect(timer.isReclaimable, "a connection that sent nothing may make room")
    timer.bytesRead(now: start + .seconds(1))
    #expect(!timer.isReclaimable, "one that began its handshake may not")
    #expect(timer.isExpired(now: start + .seconds(10)))
    timer.handshakeCompleted(now: start + .seconds(2))
    #expect(timer.phase == .readingHead)
    #expect(timer.deadline == start + .seconds(34))
    #expect(!timer.isExpired(now: start + .seconds(33)))
  }

  @Test func aPlainConnectionWaitsNoLongerThanTheShorterOfHeaderAndIdle() {
    let timer = ConnectionTimer(tls: false, limits: limits, now: start)
    #expect(timer.phase == .idle)
    #expect(timer.deadline == start + .seconds(32))
    var short = limits
    short.idle = .seconds(1)
    #expect(ConnectionTimer(tls: false, limits: short, now: start).deadline == start + .seconds(1))
  }

  @Test func noDeadlineRunsWhileARequestIsAnsweredThenIdleThenHeaderFromTheFirstByte() {
    var timer = ConnectionTimer(tls: false, limits: limits, now: start)
    timer.bytesRead(now: start)
    timer.headReceived()
    #expect(timer.phase == .serving)
    #expect(timer.deadline == nil, "a watch may run for hours")
    #expect(!timer.isExpired(now: start + .seconds(3600)))
    timer.responseEnded(now: start + .seconds(5))
    #expect(timer.phase == .idle)
    #expect(timer.deadline == start + .seconds(95))
    #expect(timer.isReclaimable)
    timer.bytesRead(now: start + .seconds(50))
    #expect(timer.phase == .readingHead)
    #expect(timer.deadline == start + .seconds(82))
    timer.bytesRead(now: start + .seconds(60))
    #expect(timer.deadline == start + .seconds(82), "later bytes of the same head do not extend it")
  }

  @Test func pipelinedRequestsKeepServingUntilTheLastResponseAndAPartialHeadGetsTheHeaderDeadline() {
    var timer = ConnectionTimer(tls: false, limits: limits, now: start)
    timer.headReceived()
    timer.headReceived()
    timer.responseEnded(now: start + .seconds(1))
    #expect(timer.phase == .serving)
    timer.bytesRead(now: start + .seconds(2))
    timer.responseEnded(now: start + .seconds(3))
    #expect(timer.phase == .readingHead, "part of a third request came while the second was answered")
    #expect(timer.deadline == start + .seconds(35))
  }
}
