extension GatewayMetrics {
  /// Counts one finished request by what happened to it.
  func count(_ record: AccessRecord) {
    let operation = Operation(InferenceRequest.Endpoint(rawValue: record.endpoint) ?? .chat)
    switch record.status {
    case 200 where record.cacheHit:
      cacheHit(
        route: record.route, model: record.model, operation: operation, promptTokens: record.promptTokens,
        completionTokens: record.completionTokens)
    case 200:
      served(
        route: record.route, model: record.model, operation: operation, promptTokens: record.promptTokens,
        completionTokens: record.completionTokens, duration: record.duration,
        timeToFirstToken: record.timeToFirstToken)
    case 429:
      rateLimited(route: record.route, model: record.model, limit: record.limit == "tokens" ? .tokens : .requests)
    default:
      failed(route: record.route, model: record.model, reason: record.reason ?? "error", status: record.status)
    }
  }
}
