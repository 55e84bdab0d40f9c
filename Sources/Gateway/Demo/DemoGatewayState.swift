import Logging

/// What the demo's request tasks share: how many are in flight (bounded, so a stalled gateway
/// cannot pile up tasks), whether the gateway answers, and how long to back off while it does
/// not. It logs only when reachability changes, never per request.
actor DemoGatewayState {
  let maxInFlight: Int
  let initialBackoff: Duration
  let maxBackoff: Duration
  let logger: Logger
  private(set) var inFlight = 0
  private(set) var consecutiveFailures = 0

  init(maxInFlight: Int, initialBackoff: Duration, maxBackoff: Duration, logger: Logger) {
    self.maxInFlight = maxInFlight
    self.initialBackoff = initialBackoff
    self.maxBackoff = maxBackoff
    self.logger = logger
  }

  /// Takes a slot for one request; false when the limit is reached (the request is dropped).
  func reserve() -> Bool {
    guard inFlight < maxInFlight else { return false }
    inFlight += 1
    return true
  }

  /// Gives the slot back and records whether the gateway answered at all; nil when the request
  /// was cancelled (the demo is stopping), which says nothing about the gateway.
  func finished(reachable: Bool?, error: String? = nil) {
    inFlight -= 1
    guard let reachable else { return }
    if reachable {
      if consecutiveFailures > 0 { logger.info("the gateway answers again; demo traffic resumes") }
      consecutiveFailures = 0
    } else {
      if consecutiveFailures == 0 {
        logger.warning("the gateway does not answer; demo traffic backs off", metadata: ["error": "\(error ?? "")"])
      }
      consecutiveFailures += 1
    }
  }

  /// How long to wait before the next try while the gateway is down; nil while it answers.
  /// Doubles with each failure, up to `maxBackoff`.
  func backoff() -> Duration? {
    guard consecutiveFailures > 0 else { return nil }
    let doublings = min(consecutiveFailures - 1, 16)
    return min(initialBackoff * (1 << doublings), maxBackoff)
  }
}
