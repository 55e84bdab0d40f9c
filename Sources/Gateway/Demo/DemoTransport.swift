/// Sends one demo request and tells the status the gateway answered with; throws when the
/// gateway could not be reached at all (refused, reset, timed out), which makes the demo back off.
public protocol DemoTransport: Sendable {
  func send(_ request: DemoRequest) async throws -> Int
}
