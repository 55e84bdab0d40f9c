import AIResources
import Foundation
import Synchronization

/// Requests-per-minute and tokens-per-minute limits of each route, per API key (or per route for
/// routes without auth), as token buckets. Synchronous, behind a lock, so that the proxy path can
/// admit a request on its event loop without a hop.
final class RateLimiter: Sendable {
  /// Which limit refused a request.
  enum Limit: String, Sendable {
    case requests
    case tokens
  }

  struct Refusal: Error, Sendable {
    var limit: Limit
    /// Whole seconds, rounded up, for `Retry-After`.
    var retryAfter: Int
  }

  private struct Key: Hashable {
    var route: String
    var client: String
    var limit: Limit
  }

  private let buckets = Mutex<[Key: TokenBucket]>([:])

  /// Admits one request of `client` on `route`, or says which limit refuses it and for how long.
  func admit(route: String, client: String, limits: AIModelRoute.Spec.RateLimit?) throws(Refusal) {
    guard let limits else { return }
    let now = ContinuousClock.now
    if let perMinute = limits.requestsPerMinute, perMinute > 0 {
      let key = Key(route: route, client: client, limit: .requests)
      let wait = buckets.withLock { buckets in
        var bucket = buckets[key] ?? TokenBucket(perMinute: perMinute, burst: limits.burst, now: now)
        defer { buckets[key] = bucket }
        return bucket.take(1, now: now)
      }
      if let wait { throw Refusal(limit: .requests, retryAfter: Self.seconds(wait)) }
    }
    if let perMinute = limits.tokensPerMinute, perMinute > 0 {
      let key = Key(route: route, client: client, limit: .tokens)
      let wait = buckets.withLock { buckets in
        var bucket = buckets[key] ?? TokenBucket(perMinute: perMinute, burst: nil, now: now)
        defer { buckets[key] = bucket }
        return bucket.take(0, now: now)
      }
      if let wait { throw Refusal(limit: .tokens, retryAfter: Self.seconds(wait)) }
    }
  }

  /// Charges the tokens a served request used.
  func charge(route: String, client: String, limits: AIModelRoute.Spec.RateLimit?, tokens: Int) {
    guard let perMinute = limits?.tokensPerMinute, perMinute > 0 else { return }
    let key = Key(route: route, client: client, limit: .tokens)
    let now = ContinuousClock.now
    buckets.withLock { buckets in
      var bucket = buckets[key] ?? TokenBucket(perMinute: perMinute, burst: nil, now: now)
      bucket.charge(Double(tokens), now: now)
      buckets[key] = bucket
    }
  }

  private static func seconds(_ wait: Duration) -> Int {
    max(1, Int((Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18).rounded(.up)))
  }
}
