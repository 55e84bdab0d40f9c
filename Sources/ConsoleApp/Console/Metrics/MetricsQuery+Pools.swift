extension MetricsQuery {
  /// The gateway's series split by InferenceService pool, for the stable-vs-canary table: the
  /// same PromQL an operator would write (`sum by (pool) (rate(...{inference_service="chat"}[1m]))`)
  /// for every service at once. `pool!=""` leaves out the requests that reached no pool.
  static let pools: [MetricsQuery] = {
    let by = MetricsKey.poolLabels.joined(separator: ", ")
    let served = "{pool!=\"\"}"
    var queries = [
      MetricsQuery(
        id: "pool_requests", profile: .genai,
        expression: sumRate("aiconsole_gateway_requests_total", by: by, filter: served),
        mapping: .poolRate(.poolRequests)),
      MetricsQuery(
        id: "pool_server_errors", profile: .genai,
        expression: sumRate("aiconsole_gateway_requests_total", by: by, filter: "{pool!=\"\",code=~\"5..\"}"),
        mapping: .poolRate(.poolServerErrors)),
      MetricsQuery(
        id: "pool_tokens", profile: .genai,
        expression: sumRate("gen_ai_client_token_usage_sum", by: by + ", gen_ai_token_type", filter: served),
        mapping: .poolTokens),
    ]
    for q in [0.5, 0.99] {
      queries.append(
        MetricsQuery(
          id: "pool_latency_p\(Int((q * 100).rounded()))", profile: .genai,
          expression: quantile(q, "gen_ai_server_request_duration", by: by, filter: served),
          mapping: .poolQuantile(.poolLatency, q)))
    }
    // The analysis checks the p99 of the time to first token, so the table shows that one.
    queries.append(
      MetricsQuery(
        id: "pool_ttft_p99", profile: .genai,
        expression: quantile(0.99, "gen_ai_server_time_to_first_token", by: by, filter: served),
        mapping: .poolQuantile(.poolTimeToFirstToken, 0.99)))
    return queries
  }()
}
