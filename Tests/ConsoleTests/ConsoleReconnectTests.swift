import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// While the API server is unreachable, ctrl-r retries it now instead of waiting out the
/// informers' backoff, and the banner counts down to the next try.
@Suite("Console reconnect")
struct ConsoleReconnectTests {
  typealias F = ConsoleFixtures

  @Test("ctrl-r while disconnected asks every informer to retry now")
  func retryNow() {
    var state = ConsoleShownMessagesTests.disconnected(reason: "connection refused", retryIn: 20)
    #expect(ConsoleReducer.reduce(&state, .key(.ctrl("r"))) == [.reconnectNow])
    #expect(render(state).contains("retrying the API server now"))
  }

  @Test("ctrl-r while connected sends nothing and says so")
  func nothingToRetry() {
    var state = F.state()
    #expect(ConsoleReducer.reduce(&state, .key(.ctrl("r"))).isEmpty)
    #expect(render(state).contains("nothing to retry"))
  }

  @Test("the banner counts down to the soonest retry")
  func countdown() {
    var state = ConsoleShownMessagesTests.disconnected(reason: "connection refused", retryIn: 20)
    state.size = Size(width: 160, height: 40)
    _ = ConsoleReducer.reduce(
      &state,
      .object(
        F.inferenceService,
        .state(.disconnected(since: F.now, retryAt: F.now.addingTimeInterval(12), reason: "connection refused"))))
    #expect(render(state).contains("showing data from 42s ago; retrying in 12s (ctrl-r: now)"))
    _ = ConsoleReducer.reduce(&state, .tick(F.now.addingTimeInterval(5)))
    #expect(render(state).contains("retrying in 7s (ctrl-r: now)"))
  }

  @Test("the retry key is in the binding table, so help lists it")
  func inHelp() {
    var state = F.state()
    _ = ConsoleReducer.reduce(&state, .key(.char("?")))
    #expect(render(state).contains("ctrl-r"))
  }
}
