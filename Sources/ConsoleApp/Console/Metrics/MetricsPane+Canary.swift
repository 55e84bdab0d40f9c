import Views

extension MetricsPane {
  /// The stable-vs-canary table: per pool its requests, error rate (5xx over requests), request
  /// duration p50/p99, the p99 time to first token (the figures the analysis checks) and
  /// tokens; sparklines of requests, error rate and p99 go first when room is short.
  static let poolColumns: [MetricsColumns.Column] = [
    .init(title: "REQ/s", kind: .number, dropRank: 0),
    .init(title: "~req", kind: .sparkline, dropRank: 10),
    .init(title: "ERR%", kind: .number, dropRank: 0),
    .init(title: "~err", kind: .sparkline, dropRank: 12),
    .init(title: "P50", kind: .number, dropRank: 5),
    .init(title: "P99", kind: .number, dropRank: 0),
    .init(title: "~p99", kind: .sparkline, dropRank: 11),
    .init(title: "TTFT99", kind: .number, dropRank: 4),
    .init(title: "TOK/s", kind: .number, dropRank: 3),
  ]

  /// The verdict line, the header and a row per pool of `focus`.
  func canarySection(_ focus: CanaryFocus, board: MetricsBoard, width: Int) -> Section {
    let rows = board.poolRows(focus)
    let verdict = focus.verdict(nowMilliseconds: board.nowMilliseconds)
    // The name says which ModelDeployment a pool runs, so it stays whole before other columns.
    let longest = rows.map { Self.poolName($0).count }.max() ?? 0
    let columns = MetricsColumns(Self.poolColumns, longestName: longest, width: width - 2, nameMinimum: 28)
    return Section(
      lines: [.verdict(verdict.text, verdict.role), .header("POOL")] + rows.map(Line.pool), columns: columns,
      keepsWhole: true)
  }

  /// A pool's name column: the pool and the ModelDeployment it runs.
  static func poolName(_ row: PoolMetricsRow) -> String {
    "\(row.pool) \(row.deployment)"
  }

  /// A pool's cells by column title.
  static func cells(_ row: PoolMetricsRow, theme: Theme) -> [String: MetricsColumns.Cell] {
    [
      "REQ/s": .text(MetricsFormat.rate(row.requestsPerSecond), theme[.text]),
      "~req": .sparkline(row.requestsHistory),
      "ERR%": .text(
        MetricsFormat.errorPercent(row.errorRatio), (row.errorRatio ?? 0) > 0 ? theme[.statusError] : theme[.text]),
      "~err": .sparkline(row.errorRatioHistory),
      "P50": .text(MetricsFormat.duration(row.latency?.p50), theme[.text]),
      "P99": .text(MetricsFormat.duration(row.latency?.p99), theme[.text]),
      "~p99": .sparkline(row.latencyP99History),
      "TTFT99": .text(MetricsFormat.duration(row.timeToFirstTokenP99), theme[.text]),
      "TOK/s": .text(MetricsFormat.rate(row.tokensPerSecond), theme[.text]),
    ]
  }
}
