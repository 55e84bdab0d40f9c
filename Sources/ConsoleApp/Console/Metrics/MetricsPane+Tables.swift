import Views

extension MetricsPane {
  /// The route table: requests with their sparkline, errors, rate-limited, cache hits, models.
  static let routeColumns: [MetricsColumns.Column] = [
    .init(title: "REQ/s", kind: .number, dropRank: 0),
    .init(title: "~req", kind: .sparkline, dropRank: 10),
    .init(title: "ERR/s", kind: .number, dropRank: 6),
    .init(title: "~err", kind: .sparkline, dropRank: 12),
    .init(title: "429/s", kind: .number, dropRank: 8),
    .init(title: "CACHE", kind: .number, dropRank: 7),
    .init(title: "MODELS", kind: .text, dropRank: 9),
  ]

  /// The model table: tokens in and out with sparklines, requests, errors with theirs,
  /// rate-limited, latency quantiles with the p99's sparkline and time to first token. The
  /// error and latency sparklines go first when room is short, then the throughput ones.
  static let modelColumns: [MetricsColumns.Column] = [
    .init(title: "IN/s", kind: .number, dropRank: 0),
    .init(title: "~in", kind: .sparkline, dropRank: 10),
    .init(title: "OUT/s", kind: .number, dropRank: 2),
    .init(title: "~out", kind: .sparkline, dropRank: 11),
    .init(title: "REQ/s", kind: .number, dropRank: 3),
    .init(title: "ERR/s", kind: .number, dropRank: 5),
    .init(title: "~err", kind: .sparkline, dropRank: 13),
    .init(title: "429/s", kind: .number, dropRank: 7),
    .init(title: "P50", kind: .number, dropRank: 4),
    .init(title: "P95", kind: .number, dropRank: 9),
    .init(title: "P99", kind: .number, dropRank: 8),
    .init(title: "~p99", kind: .sparkline, dropRank: 12),
    .init(title: "TTFT", kind: .number, dropRank: 6),
  ]

  /// A route's cells by column title.
  static func cells(_ row: RouteMetricsRow, theme: Theme) -> [String: MetricsColumns.Cell] {
    [
      "REQ/s": .text(MetricsFormat.rate(row.requestsPerSecond), theme[.text]),
      "~req": .sparkline(row.requestsHistory),
      "ERR/s": problem(row.errorsPerSecond, .statusError, theme),
      "~err": .sparkline(row.errorsHistory),
      "429/s": problem(row.rateLimitedPerSecond, .statusWarn, theme),
      "CACHE": .text(MetricsFormat.percent(row.cacheHitRatio), theme[.text]),
      "MODELS": .text(row.models.joined(separator: ","), theme[.muted]),
    ]
  }

  /// A model's cells by column title.
  static func cells(_ row: ModelMetricsRow, theme: Theme) -> [String: MetricsColumns.Cell] {
    [
      "IN/s": .text(MetricsFormat.rate(row.tokensInPerSecond), theme[.text]),
      "~in": .sparkline(row.tokensInHistory),
      "OUT/s": .text(MetricsFormat.rate(row.tokensOutPerSecond), theme[.text]),
      "~out": .sparkline(row.tokensOutHistory),
      "REQ/s": .text(MetricsFormat.rate(row.requestsPerSecond), theme[.text]),
      "ERR/s": problem(row.errorsPerSecond, .statusError, theme),
      "~err": .sparkline(row.errorsHistory),
      "429/s": problem(row.rateLimitedPerSecond, .statusWarn, theme),
      "P50": .text(MetricsFormat.duration(row.latency?.p50), theme[.text]),
      "P95": .text(MetricsFormat.duration(row.latency?.p95), theme[.text]),
      "P99": .text(MetricsFormat.duration(row.latency?.p99), theme[.text]),
      "~p99": .sparkline(row.latencyP99History),
      "TTFT": .text(MetricsFormat.duration(row.timeToFirstTokenP50), theme[.text]),
    ]
  }

  /// A rate that is bad news when above zero, coloured as such.
  static func problem(_ value: Double?, _ role: ThemeRole, _ theme: Theme) -> MetricsColumns.Cell {
    let text = MetricsFormat.rate(value)
    return .text(text, (value ?? 0) > 0 ? theme[role] : theme[.text])
  }
}
