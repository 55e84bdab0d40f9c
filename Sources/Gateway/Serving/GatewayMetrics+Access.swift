extension GatewayMetrics {
  /// Counts one finished request by what happened to it.
  func count(_ record: AccessRecord) {
    let operation = Operation(InferenceRequest.Endpoint(rawValue: record.endpoint) ?? .chat)
    switch record.status {
    case 200 where record.cacheHit:
      cacheHit(
        route: record.route, model: record.model, operation: operation, promptTokens: record.promptTokens,
        completionTokens: record.completionTokens, pool: record.pool)
    case 200 where record.series != nil:
      served(record, operation: operation, slot: record.series!)
    case 200:
      served(
        route: record.route, model: record.model, operation: operation, promptTokens: record.promptTokens,
        completionTokens: record.completionTokens, duration: record.duration,
        timeToFirstToken: record.timeToFirstToken, pool: record.pool)
    case 429:
      rateLimited(
        route: record.route, model: record.model, limit: record.limit == "tokens" ? .tokens : .requests,
        pool: record.pool)
    default:
      failed(
        route: record.route, model: record.model, reason: record.reason ?? "error", status: record.status,
        pool: record.pool)
    }
  }
}
