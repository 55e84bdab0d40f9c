import Foundation

/// Where the console reads metrics from: a `/metrics` endpoint it scrapes itself, a Prometheus
/// server it queries, or an `endpoints.json` entry that names a `/metrics` URL once the embedded
/// service publishes it. A value, so updates can say which source they came from.
struct MetricsSource: Hashable, Sendable {
  /// How the source is read.
  enum Kind: Hashable, Sendable {
    /// A Prometheus text exposition at `url`, scraped directly.
    case exposition
    /// A Prometheus server's HTTP API at `url` (its base, such as `http://prometheus:9090`).
    case prometheus
    /// The exposition URL published as `key` in `directory/endpoints.json`; `url` is the file's
    /// path until the entry appears.
    case endpointsFile(directory: URL, key: String)
  }

  /// A short name for the pane's status line (`metrics`, `prometheus`, …).
  var name: String
  /// The URL (or, for `endpointsFile`, where it will be read from).
  var url: String
  /// How it is read.
  var kind: Kind

  /// A `/metrics` endpoint scraped directly.
  static func exposition(_ url: String, name: String = "metrics") -> MetricsSource {
    MetricsSource(name: name, url: url, kind: .exposition)
  }

  /// A Prometheus server queried with PromQL.
  static func prometheus(_ url: String) -> MetricsSource {
    MetricsSource(name: "prometheus", url: url, kind: .prometheus)
  }

  /// The exposition URL that `aiconsole serve` publishes as `key` (`metrics` by default) in the
  /// state directory's `endpoints.json`; the feed re-reads the file until the entry appears and
  /// again after a failed scrape, since services publish late and restart on new ports.
  static func endpointsFile(stateDirectory: URL, key: String = "metrics") -> MetricsSource {
    MetricsSource(
      name: key, url: stateDirectory.appendingPathComponent("endpoints.json").path,
      kind: .endpointsFile(directory: stateDirectory, key: key))
  }

  /// The sources for the console's options: a Prometheus server when `--prometheus` is given,
  /// else the `/metrics` URLs given, else the embedded world's published `metrics` endpoint.
  static func sources(prometheus: String?, metricsURLs: [String] = [], stateDirectory: URL?) -> [MetricsSource] {
    if let prometheus { return [.prometheus(prometheus)] }
    if !metricsURLs.isEmpty {
      return metricsURLs.enumerated().map {
        .exposition($1, name: metricsURLs.count == 1 ? "metrics" : "metrics\($0 + 1)")
      }
    }
    return stateDirectory.map { [.endpointsFile(stateDirectory: $0)] } ?? []
  }
}
