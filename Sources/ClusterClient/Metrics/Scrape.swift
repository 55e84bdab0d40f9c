/// The outcome of fetching one metrics endpoint once: when, how long it took, and either the
/// families or why there are none. A failed scrape is a value, so a scraper keeps going.
public struct Scrape: Sendable {
  /// Wall-clock start of the scrape in milliseconds since the Unix epoch, for rates.
  public var timestampMilliseconds: Int64
  /// How long the fetch and the parse took.
  public var duration: Duration
  /// The families, or the reason the scrape failed.
  public var result: Result<[MetricFamily], ScrapeError>

  /// A scrape outcome.
  public init(timestampMilliseconds: Int64, duration: Duration, result: Result<[MetricFamily], ScrapeError>) {
    self.timestampMilliseconds = timestampMilliseconds
    self.duration = duration
    self.result = result
  }

  /// The families of a successful scrape; empty for a failed one.
  public var families: [MetricFamily] { (try? result.get()) ?? [] }

  /// The family called `name`, if the scrape succeeded and had it.
  public func family(_ name: String) -> MetricFamily? {
    families.first { $0.name == name }
  }
}

/// Why a scrape produced no metrics.
public enum ScrapeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The endpoint could not be reached or the connection failed.
  case transport(String)
  /// The endpoint answered with a status other than 200.
  case httpStatus(Int)
  /// The body was not a valid exposition.
  case exposition(ExpositionError)

  /// One line for a status bar.
  public var description: String {
    switch self {
    case .transport(let message): "scrape failed: \(message)"
    case .httpStatus(let status): "scrape failed: HTTP \(status)"
    case .exposition(let error): "invalid exposition: \(error)"
    }
  }
}
