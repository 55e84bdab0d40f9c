import Testing

@testable import Gateway

@Suite("GenerationTiming")
struct GenerationTimingTests {
  let profile = GPUProfile()

  @Test("an idle instance answers after 20 ms and at its token rate")
  func idle() {
    let timing = GenerationTiming(instance: Fixtures.instance(), ahead: 0, profile: profile, timeScale: 1)
    #expect(close(timing.timeToFirstToken, .milliseconds(20)))
    #expect(close(timing.perToken, .seconds(1.0 / 1200)))
    #expect(close(timing.due(3), .milliseconds(20) + .seconds(3.0 / 1200)))
  }

  @Test("more GPUs and a higher rate make tokens faster")
  func rate() {
    let instance = Fixtures.instance(gpus: 2, tokensPerSecondPerGPU: 500)
    let timing = GenerationTiming(instance: instance, ahead: 0, profile: profile, timeScale: 1)
    #expect(close(timing.perToken, .seconds(1.0 / 1000)))
  }

  @Test("both delays grow with the requests already in flight")
  func load() {
    let instance = Fixtures.instance()
    let idle = GenerationTiming(instance: instance, ahead: 0, profile: profile, timeScale: 1)
    let half = GenerationTiming(instance: instance, ahead: 4, profile: profile, timeScale: 1)
    let saturated = GenerationTiming(instance: instance, ahead: 8, profile: profile, timeScale: 1)
    #expect(close(half.timeToFirstToken, .milliseconds(30)))
    #expect(close(saturated.timeToFirstToken, .milliseconds(40)))
    #expect(close(saturated.perToken, idle.perToken * 2))
  }

  @Test("a slow instance is ten times slower")
  func slow() {
    let timing = GenerationTiming(
      instance: Fixtures.instance(failureMode: .slow), ahead: 0, profile: profile, timeScale: 1)
    #expect(close(timing.timeToFirstToken, .milliseconds(200)))
    #expect(close(timing.perToken, .seconds(10.0 / 1200)))
  }

  @Test("a time scale of zero removes every delay")
  func noDelay() {
    let timing = GenerationTiming(instance: Fixtures.instance(), ahead: 20, profile: profile, timeScale: 0)
    #expect(close(timing.due(100), .zero))
  }

  /// Durations built from floating-point seconds round to attoseconds; a nanosecond apart is equal here.
  private func close(_ left: Duration, _ right: Duration) -> Bool {
    left - right < .nanoseconds(1) && right - left < .nanoseconds(1)
  }
}
