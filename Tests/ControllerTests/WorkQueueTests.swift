import Controller
import Testing

@Suite struct WorkQueueTests {
  @Test func deduplicatesAndNeverHandsOutAKeyTwiceAtOnce() async {
    let queue = WorkQueue<String>()
    await queue.add("a")
    await queue.add("a")
    await queue.add("b")
    #expect(await queue.depth == 2)
    let first = await queue.next()
    #expect(first == "a")
    await queue.add("a")  // changed while a worker holds it: not handed out again yet
    #expect(await queue.next() == "b")
    #expect(await queue.depth == 0)
    await queue.done("a")  // now it comes back, once
    #expect(await queue.depth == 1)
    #expect(await queue.next() == "a")
    await queue.done("a")
    await queue.done("b")
    #expect(await queue.depth == 0)
  }

  @Test func waitingWorkersGetKeysAndNilOnShutdown() async {
    let queue = WorkQueue<Int>()
    async let waiting = queue.next()
    try? await Task.sleep(for: .milliseconds(50))
    await queue.add(7)
    #expect(await waiting == 7)
    async let ending = queue.next()
    try? await Task.sleep(for: .milliseconds(50))
    await queue.shutDown()
    #expect(await ending == nil)
  }

  @Test func addAfterAndRateLimitedRetriesComeBackLater() async {
    let queue = WorkQueue<String>(backoff: ItemBackoff(base: .milliseconds(40)))
    await queue.add("later", after: .milliseconds(80))
    #expect(await queue.depth == 0)
    let start = ContinuousClock.now
    #expect(await queue.next() == "later")
    #expect(ContinuousClock.now - start >= .milliseconds(70))
    await queue.done("later")
    await queue.addRateLimited("failing")
    await queue.addRateLimited("failing")
    #expect(await queue.failures("failing") == 2)
    #expect(await queue.next() == "failing")
    await queue.forget("failing")
    #expect(await queue.failures("failing") == 0)
  }

  @Test func itemBackoffDoublesFromFiveMillisecondsToTheCap() {
    var backoff = ItemBackoff<String>()
    let delays = (0..<4).map { _ in backoff.next("k") }
    #expect(delays == [.milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(40)])
    for _ in 0..<40 { _ = backoff.next("k") }
    #expect(backoff.next("k") == .seconds(1000))
    #expect(backoff.next("other") == .milliseconds(5))
    backoff.forget("k")
    #expect(backoff.next("k") == .milliseconds(5))
  }

  @Test func retryBucketAllowsABurstThenTenPerSecond() {
    var bucket = RetryBucket(perSecond: 10, burst: 100)
    let now = ContinuousClock.now
    let delays = (0..<102).map { _ in bucket.reserve(now: now) }
    #expect(delays[0..<100].allSatisfy { $0 == .zero })
    #expect(delays[100] == .milliseconds(100))
    #expect(delays[101] == .milliseconds(200))
    #expect(bucket.reserve(now: now + .seconds(1)) == .zero)  // ten tokens back pay the two owed
  }
}
