import AsyncHTTPClient
import Foundation
import NIOCore

/// One scrape of an endpoint: when, how long, and the exposition or what went wrong.
public struct Scrape: Sendable {
  public var url: String
  public var time: Date
  public var duration: Duration
  public var result: Result<Exposition, ScrapeError>
}

/// A scrape that failed: the endpoint could not be reached, answered an error, or sent bad text.
public enum ScrapeError: Error, Sendable, CustomStringConvertible {
  case unreachable(String)
  case status(Int)
  case malformed(ExpositionError)

  public var description: String {
    switch self {
    case .unreachable(let reason): return "cannot scrape: \(reason)"
    case .status(let code): return "the endpoint answered HTTP \(code)"
    case .malformed(let error): return "malformed exposition, \(error)"
    }
  }
}

/// Scrapes a Prometheus text endpoint (`/metrics`) every `interval`, as a Prometheus server would,
/// and hands each scrape out as it completes; a failure is a scrape too, so the console can show it.
public struct MetricsScraper: Sendable {
  public var url: String
  public var interval: Duration
  public var timeout: Duration
  static let accept = "text/plain;version=0.0.4;q=0.9,*/*;q=0.1"
  static let maximumBytes = 64 << 20

  public init(url: String, interval: Duration = .seconds(5), timeout: Duration = .seconds(10)) {
    self.url = url
    self.interval = interval
    self.timeout = timeout
  }

  /// Scrapes once.
  public func scrape() async -> Scrape {
    let start = ContinuousClock.now
    let time = Date()
    var request = HTTPClientRequest(url: url)
    request.headers.add(name: "Accept", value: Self.accept)
    let result: Result<Exposition, ScrapeError>
    do {
      let response = try await HTTPClient.shared.execute(request, timeout: .nanoseconds(Int64(timeout.seconds * 1e9)))
      let body = try await response.body.collect(upTo: Self.maximumBytes)
      if response.status.code == 200 {
        result = Result { () throws(ExpositionError) in try PrometheusTextParser.parse(Array(buffer: body)) }
          .mapError { ScrapeError.malformed($0) }
      } else {
        result = .failure(.status(Int(response.status.code)))
      }
    } catch {
      result = .failure(.unreachable("\(error)"))
    }
    return Scrape(url: url, time: time, duration: ContinuousClock.now - start, result: result)
  }

  /// Scrapes every `interval` until the consumer stops listening.
  public func scrapes() -> AsyncStream<Scrape> {
    AsyncStream { continuation in
      let task = Task {
        while !Task.isCancelled {
          let began = ContinuousClock.now
          continuation.yield(await scrape())
          try? await Task.sleep(until: began + interval)
        }
        continuation.finish()
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }
}
