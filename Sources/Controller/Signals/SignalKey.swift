/// The labels the gateway's request metrics are split by that the controller reads: the route,
/// and the pool that served the request (`service_namespace`, `inference_service`, `pool`). A
/// request refused before a pool was picked has empty pool labels; the latency histograms carry no
/// route. `source` tells the scraped endpoints apart, so that one gateway's restart (its
/// counters back at zero) is seen as a reset of its own series only.
struct SignalKey: Sendable, Hashable {
  var source: Int
  /// `namespace/name` of the AIModelRoute, or empty.
  var route: String
  var namespace: String
  var service: String
  /// `stable`, `canary`, or empty.
  var pool: String

  init(source: Int = 0, route: String = "", namespace: String = "", service: String = "", pool: String = "") {
    self.source = source
    self.route = route
    self.namespace = namespace
    self.service = service
    self.pool = pool
  }
}

/// What the gateway counted for one key since it started: requests, those that failed on the
/// server side (5xx) and those a rate limit refused (429), and the cumulative buckets of the
/// request duration and time-to-first-token histograms (upper bound in seconds to count).
struct SignalCounts: Sendable, Hashable {
  var requests: Double = 0
  var serverErrors: Double = 0
  var rateLimited: Double = 0
  var duration: [Double: Double] = [:]
  var firstToken: [Double: Double] = [:]

  static let zero = SignalCounts()

  /// Each count plus `other`'s.
  func adding(_ other: SignalCounts) -> SignalCounts {
    SignalCounts(
      requests: requests + other.requests, serverErrors: serverErrors + other.serverErrors,
      rateLimited: rateLimited + other.rateLimited, duration: duration.merging(other.duration, uniquingKeysWith: +),
      firstToken: firstToken.merging(other.firstToken, uniquingKeysWith: +))
  }

  /// What was counted since `earlier`, counts that never shrink (see `SignalHistory`).
  func since(_ earlier: SignalCounts) -> SignalCounts {
    func minus(_ now: [Double: Double], _ then: [Double: Double]) -> [Double: Double] {
      now.reduce(into: [:]) { result, bucket in result[bucket.key] = max(0, bucket.value - (then[bucket.key] ?? 0)) }
    }
    return SignalCounts(
      requests: max(0, requests - earlier.requests), serverErrors: max(0, serverErrors - earlier.serverErrors),
      rateLimited: max(0, rateLimited - earlier.rateLimited), duration: minus(duration, earlier.duration),
      firstToken: minus(firstToken, earlier.firstToken))
  }

  /// The counts carried on from `previous` (as kept) by the growth from `lastRaw` to `self` (as
  /// scraped): a value below the last scrape's means the counter restarted from zero, so all of it
  /// is growth, as PromQL's `increase` reads a reset.
  func accumulated(onto previous: SignalCounts, lastRaw: SignalCounts) -> SignalCounts {
    func grow(_ kept: Double, _ last: Double, _ now: Double) -> Double { kept + (now >= last ? now - last : now) }
    func grow(_ kept: [Double: Double], _ last: [Double: Double], _ now: [Double: Double]) -> [Double: Double] {
      var result = kept
      for (bound, value) in now { result[bound] = grow(kept[bound] ?? 0, last[bound] ?? 0, value) }
      return result
    }
    return SignalCounts(
      requests: grow(previous.requests, lastRaw.requests, requests),
      serverErrors: grow(previous.serverErrors, lastRaw.serverErrors, serverErrors),
      rateLimited: grow(previous.rateLimited, lastRaw.rateLimited, rateLimited),
      duration: grow(previous.duration, lastRaw.duration, duration),
      firstToken: grow(previous.firstToken, lastRaw.firstToken, firstToken))
  }
}
