import AsyncHTTPClient
import Foundation
import NIOCore

/// Scrapes one metrics endpoint at a fixed interval. `scrapes(clock:)` is an async sequence that
/// fetches in the consumer's own task when it asks for the next element, so stopping is
/// cancelling (or leaving) the loop that reads it, and nothing runs in the background.
public struct MetricsScraper: Sendable {
  /// Fetches the exposition body, or throws `ScrapeError`.
  public typealias Fetch = @Sendable () async throws(ScrapeError) -> [UInt8]

  /// The time between the starts of two scrapes.
  public let interval: Duration
  private let fetch: Fetch
  private let now: @Sendable () -> Int64

  /// A scraper that reads with `fetch`; `now` gives wall-clock milliseconds for the timestamps.
  public init(
    interval: Duration, now: @escaping @Sendable () -> Int64 = MetricsScraper.wallClock, fetch: @escaping Fetch
  ) {
    self.interval = interval
    self.fetch = fetch
    self.now = now
  }

  /// A scraper of `url` over HTTP(S) with `client` (the shared client by default).
  public init(url: String, interval: Duration, timeout: Duration = .seconds(10), client: HTTPClient = .shared) {
    self.init(interval: interval) { () async throws(ScrapeError) -> [UInt8] in
      try await Self.get(url, timeout: timeout, client: client)
    }
  }

  /// Milliseconds since the Unix epoch, now.
  @Sendable public static func wallClock() -> Int64 {
    Int64((Date().timeIntervalSince1970 * 1000).rounded())
  }

  /// Fetches and parses once.
  public func scrapeOnce() async -> Scrape {
    let timestamp = now()
    let clock = ContinuousClock()
    let start = clock.now
    let result: Result<[MetricFamily], ScrapeError>
    do throws(ScrapeError) {
      let body = try await fetch()
      do throws(ExpositionError) {
        result = .success(try PrometheusTextParser.parse(body))
      } catch {
        throw .exposition(error)
      }
    } catch {
      result = .failure(error)
    }
    return Scrape(timestampMilliseconds: timestamp, duration: clock.now - start, result: result)
  }

  /// Scrapes now and then once per interval until the reading task is cancelled. Ticks keep to
  /// the schedule; a tick missed because a scrape ran long is skipped, not made up.
  public func scrapes<C: Clock<Duration>>(clock: C = ContinuousClock()) -> Scrapes<C> {
    Scrapes(scraper: self, clock: clock)
  }

  /// The scrapes of one scraper, one per interval.
  public struct Scrapes<C: Clock<Duration>>: AsyncSequence, Sendable {
    /// Each element is one scrape.
    public typealias Element = Scrape
    /// The scraper that fetches.
    let scraper: MetricsScraper
    /// The clock that times the interval.
    let clock: C

    /// Starts the schedule at the first call to `next()`.
    public func makeAsyncIterator() -> Iterator { Iterator(scraper: scraper, clock: clock) }

    /// Sleeps until the next tick and scrapes; nil once the task is cancelled.
    public struct Iterator: AsyncIteratorProtocol {
      /// The scraper that fetches.
      let scraper: MetricsScraper
      /// The clock that times the interval.
      let clock: C
      /// The next tick; nil before the first scrape, which happens at once.
      var deadline: C.Instant?

      /// The next scrape, or nil when cancelled.
      public mutating func next() async -> Scrape? {
        if let deadline {
          do { try await clock.sleep(until: deadline, tolerance: nil) } catch { return nil }
        }
        guard !Task.isCancelled else { return nil }
        let now = clock.now
        var next = (deadline ?? now).advanced(by: scraper.interval)
        while next <= now { next = next.advanced(by: scraper.interval) }
        deadline = next
        return await scraper.scrapeOnce()
      }
    }
  }

  private static func get(_ url: String, timeout: Duration, client: HTTPClient) async throws(ScrapeError) -> [UInt8] {
    var request = HTTPClientRequest(url: url)
    request.headers.add(name: "Accept", value: "text/plain;version=0.0.4;q=1,*/*;q=0.1")
    do {
      let response = try await client.execute(request, timeout: TimeAmount(timeout))
      guard response.status.code == 200 else {
        _ = try? await response.body.collect(upTo: 1 << 20)
        throw ScrapeError.httpStatus(Int(response.status.code))
      }
      return Array(buffer: try await response.body.collect(upTo: 256 << 20))
    } catch let error as ScrapeError {
      throw error
    } catch {
      throw .transport(String(describing: error))
    }
  }
}

extension TimeAmount {
  /// The same span as a NIO time amount.
  init(_ duration: Duration) {
    let (seconds, attoseconds) = duration.components
    self = .nanoseconds(
      seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue + attoseconds / 1_000_000_000)
  }
}
