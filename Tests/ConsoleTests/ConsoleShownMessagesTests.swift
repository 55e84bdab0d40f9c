import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// Messages an operator must read whole, on screen: a theme that did not load, the server's
/// reasons in the route form, the disconnected banner with its URL, countdown and retry key.
@Suite("Console messages shown whole")
struct ConsoleShownMessagesTests {
  typealias F = ConsoleFixtures

  @Test("a theme that did not load is said in the status line from the first frame")
  func themeWarning() {
    var state = F.state()
    let error = ThemeError(
      file: "/home/sre/.config/aiconsole/themes/night.yaml", line: 3, key: "styles.text", message: "bad colour")
    ConsoleReducer.themeNotLoaded(error, &state)
    let lines = render(state).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      lines.last?.contains(
        "theme not loaded, using default: /home/sre/.config/aiconsole/themes/night.yaml:3: key 'styles.text': bad colour"
      )
        == true)
    state.now += ConsoleReducer.themeWarningSeconds - 1
    _ = ConsoleReducer.reduce(&state, .tick(state.now))
    #expect(render(state).contains("theme not loaded"))
  }

  @Test("the route form shows a long server reason whole, wrapped under its field")
  func routeFormReason() {
    let ref = ObjectIdentity(F.route, namespace: "demo", name: "chat")
    var form = RouteForm(ref, route: ConsoleRouteEditTests.route())
    form.showServerErrors(
      [.init(field: "spec.backends[1].weight", message: "Invalid value: 150: should be less than or equal to 100")],
      message: "invalid")
    #expect(
      screen(64, 26) { RouteFormView(form: form).render(into: &$0, area: $1, theme: .plain) } == [
        "                                                                ",
        "                                                                ",
        "  ┏━ Edit AIModelRoute demo/chat ━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓  ",
        "  ┃ backend 1       assistant                                ┃  ",
        "  ┃ weight 1        80                                       ┃  ",
        "  ┃ backend 2       assistant-canary                         ┃  ",
        "  ┃ weight 2        20                                       ┃  ",
        "  ┃                 ✗ Invalid value: 150: should be less     ┃  ",
        "  ┃                   than or equal to 100                   ┃  ",
        "  ┃ backend 3                                                ┃  ",
        "  ┃ weight 3                                                 ┃  ",
        "  ┃ requests/min    600                                      ┃  ",
        "  ┃ tokens/min                                               ┃  ",
        "  ┃ burst                                                    ┃  ",
        "  ┃ cache             off                                    ┃  ",
        "  ┃ cache TTL s                                              ┃  ",
        "  ┃ auth              None                                   ┃  ",
        "  ┃ auth secret                                              ┃  ",
        "  ┃ context schema                                           ┃  ",
        "  ┃ timeout s                                                ┃  ",
        "  ┃                                                          ┃  ",
        "  ┃ weights 80 + 20 = 100 · 80% / 20%                        ┃  ",
        "  ┃ enter save · tab/↑↓ move · ←→ choose · ctrl-e edit the Y ┃  ",
        "  ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛  ",
        "                                                                ",
        "                                                                ",
      ])
  }

  static func disconnected(reason: String, retryIn seconds: TimeInterval) -> ConsoleState {
    var state = F.state()
    state.size = Size(width: 80, height: 24)
    _ = ConsoleReducer.reduce(&state, .object(F.aiCluster, .added(F.cluster("llama"))))
    let since = F.now.addingTimeInterval(-42)
    let retryAt = F.now.addingTimeInterval(seconds)
    _ = ConsoleReducer.reduce(
      &state, .object(F.aiCluster, .state(.disconnected(since: since, retryAt: retryAt, reason: reason))))
    return state
  }

  @Test("the disconnected banner shows the whole reason with its URL, the countdown and the retry key")
  func bannerWhole() {
    let reason =
      "transport: connect to https://api.prod.example.internal:6443/apis/ai.aiconsole.dev/v1/aiclusters: connection refused"
    let state = Self.disconnected(reason: reason, retryIn: 20)
    let header = screen(80, 6) { HeaderPane(state).render(into: &$0, area: $1, theme: .plain) }
    #expect(
      Array(header[2...]) == [
        " ⚠ API server unreachable — showing data from 42s ago; retrying in 20s (ctrl-r: ",
        " now) · transport: connect to                                                   ",
        " https://api.prod.example.internal:6443/apis/ai.aiconsole.dev/v1/aiclusters:    ",
        " connection refused                                                             ",
      ])
    #expect(ConsoleLayout.headerHeight(state) == 6)
  }
}
