import AsyncHTTPClient
import ClusterClient

/// How the feed reaches its sources: over HTTP for real, or through closures a test supplies
/// (a `MetricsScraper` with an injected fetch, a canned Prometheus answer).
struct MetricsTransport: Sendable {
  /// The scraper of an exposition URL; its `scrapeOnce()` fetches, parses and timestamps.
  var scraper: @Sendable (_ url: String) -> MetricsScraper
  /// Evaluates a PromQL expression on the Prometheus server at a base URL.
  var query:
    @Sendable (_ baseURL: String, _ expression: String) async throws(PrometheusAPIError) -> PrometheusQueryResult

  /// HTTP with the shared client; each request gives up after `timeout`.
  static func http(timeout: Duration = .seconds(5), client: HTTPClient = .shared) -> MetricsTransport {
    MetricsTransport(
      scraper: { url in MetricsScraper(url: url, interval: .seconds(1), timeout: timeout, client: client) },
      query: { baseURL, expression async throws(PrometheusAPIError) -> PrometheusQueryResult in
        try await PrometheusAPIClient(baseURL: baseURL, client: client, timeout: timeout).query(expression)
      })
  }
}
