import ClusterTestSupport
import Foundation
import Testing

/// The SLO header and detail and `c`'s start of a canary, on the real binary and the embedded
/// demo (in the serialized tmux suite). The demo's `support-desk` burns its error budget: its
/// assistant route's rate limit answers 429s, and `serve` wires the controller to the gateway's
/// metrics. The canary is started on the plain `support` service, not on the demo's own canary.
extension ConsoleTmuxTests {
  @Test("a breached AIApplication shows in the header, and its detail lists the burning target first")
  func sloHeader() async throws {
    let tmux = try Tmux(name: "console-slo")
    defer { tmux.kill() }
    guard try await Self.startSyncedDemo(tmux) != nil else { return }
    // The 5m and 1h windows are partial at first and count what there is: a page within seconds.
    var screen = await tmux.waitFor(timeout: 120) { screen in
      Self.matches(#"SLO 1 burning: demo/support-desk errorRate [0-9.]+× · budget -?[0-9]+%"#, screen)
    }
    #expect(
      Self.matches(#"SLO 1 burning: demo/support-desk errorRate [0-9.]+× · budget -?[0-9]+%"#, screen),
      "no burning SLO in the header:\n\(screen)")
    Self.show(":aiapp", zoomed: false, tmux)
    // The latency target's row appears once the gateway has a latency figure for the route, which
    // can come a scrape after the error rate's: wait for both rows, not the first.
    screen = await tmux.waitFor(timeout: 60) {
      $0.contains("─ SLO · 1 burning") && $0.contains("errorRate  Page") && $0.contains("latencyP99 ")
    }
    #expect(
      Self.matches(#"TARGET +ALERT +NOW +BUDGET +5M +30M +1H +6H +3D +OBJECTIVE"#, screen), "no SLO table:\n\(screen)")
    let rows = screen.split(separator: "\n").map(String.init)
    let error = rows.firstIndex { $0.contains("errorRate  Page") }
    let latency = rows.firstIndex { $0.contains("latencyP99 ") }
    #expect(error != nil && latency != nil && error! < latency!, "burning target not first:\n\(screen)")
    #expect(screen.contains("errors ≤ 1%"), "no objective:\n\(screen)")
  }

  @Test("c on the plain support service starts a canary of mistral-7b-v2 at 10% and the list shows it")
  func startCanary() async throws {
    let tmux = try Tmux(name: "console-canary-start")
    defer { tmux.kill() }
    guard try await Self.startSyncedDemo(tmux) != nil else { return }
    Self.show(":infsvc", zoomed: false, tmux)
    tmux.sendText("/support")
    tmux.sendKeys("Enter")
    _ = await tmux.waitFor(timeout: 30) { Self.matches(#"demo +support +mistral-7b-v1 +\S+ +- "#, $0) }
    tmux.sendKeys("c")
    var screen = await tmux.waitFor(timeout: 15) { $0.contains("mistral-7b-v2  mistral-7b 2") }
    #expect(screen.contains("┏━ canary of support ━"), "no ModelDeployment picker:\n\(screen)")
    #expect(!screen.contains("mistral-7b-v1  mistral-7b"), "the stable one offered:\n\(screen)")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor("first traffic %: 10")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor("no analysis (stays at 10%")
    // The second choice: the demo's stable pool keeps its figures, and the canary keeps 10%.
    tmux.sendKeys("j")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 30) {
      Self.matches(#"demo +support +mistral-7b-v1 +\S+ +mistral-7b-v2 10%"#, $0)
    }
    #expect(
      Self.matches(#"demo +support +mistral-7b-v1 +\S+ +mistral-7b-v2 10%"#, screen),
      "no canary in the list:\n\(screen)")
    screen = await tmux.waitFor(timeout: 30) { $0.contains("Canary:") && $0.contains("mistral-7b-v2 at 10%") }
    #expect(screen.contains("mistral-7b-v2 at 10%"), "no canary in the detail:\n\(screen)")
    // The Activity pane opens beside the logs with the start and its change-id.
    screen = await tmux.waitFor(timeout: 15) {
      $0.contains("start a canary of InferenceService demo/support: mistral-7b-v2 at 10%") && $0.contains("change ")
    }
    #expect(
      screen.contains("start a canary of InferenceService demo/support: mistral-7b-v2 at 10%"),
      "no activity row:\n\(screen)")
  }
}
