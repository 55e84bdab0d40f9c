extension MetricsBoard {
  /// The stable and canary rows of `focus`'s InferenceService: each pool's series for the
  /// ModelDeployment it runs now, so a deployment a promotion replaced does not count.
  func poolRows(_ focus: CanaryFocus) -> [PoolMetricsRow] {
    [("stable", focus.stableDeployment), ("canary", focus.canaryDeployment)].map { pool, deployment in
      poolRow(
        MetricsKey.poolSubject(
          namespace: focus.namespace, service: focus.service, pool: pool, deployment: deployment),
        pool: pool, deployment: deployment)
    }
  }

  /// One pool's figures: rates summed over sources, the error ratio of its 5xx answers.
  func poolRow(_ subject: String, pool: String, deployment: String) -> PoolMetricsRow {
    let requests = rate(.poolRequests, subject)
    let errors = rate(.poolServerErrors, subject)
    let latency = quantiles(.poolLatency, subject)
    return PoolMetricsRow(
      pool: pool, deployment: deployment, requestsPerSecond: requests, requestsHistory: history(.poolRequests, subject),
      errorRatio: requests.flatMap { $0 > 0 ? (errors ?? 0) / $0 : nil },
      errorRatioHistory: Self.ratios(history(.poolServerErrors, subject), over: history(.poolRequests, subject)),
      latency: latency, latencyP99History: p99History(.poolLatency, subject),
      timeToFirstTokenP99: quantiles(.poolTimeToFirstToken, subject)?.p99,
      tokensPerSecond: Self.sum(rate(.poolTokensIn, subject), rate(.poolTokensOut, subject)))
  }

  /// `parts[i] / wholes[i]` with the two lined up at the newest; a read without a part (no 5xx
  /// series yet) is 0, a read without requests is 0 too, so the line stays on its floor.
  static func ratios(_ parts: [Double], over wholes: [Double]) -> [Double] {
    let offset = wholes.count - parts.count
    return wholes.indices.map { index in
      let part = index - offset >= 0 && index - offset < parts.count ? parts[index - offset] : 0
      return wholes[index] > 0 ? part / wholes[index] : 0
    }
  }
}
