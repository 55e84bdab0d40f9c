/// Waiting on a condition, for tests: the condition is looked at every few milliseconds until it
/// holds or the limit passes, so a test waits only as long as the thing takes.
public enum Polling {
  /// Whether `condition` came to hold within `limit`.
  public static func until(
    upTo limit: Duration, every interval: Duration = .milliseconds(20), _ condition: () async throws -> Bool
  ) async rethrows -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
      if try await condition() { return true }
      try? await Task.sleep(for: interval)
    }
    return try await condition()
  }
}
