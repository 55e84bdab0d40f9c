import ClusterTestSupport
import Foundation
import Testing

/// A Pod's own logs on the real binary and the embedded demo (in the serialized tmux suite).
extension ConsoleTmuxTests {
  @Test(":pods, a demo pod selected, `l` follows its model server's lines in the logs pane")
  func podLogsOnTheDemo() async throws {
    let tmux = try Tmux(name: "console-pod-logs")
    defer { tmux.kill() }
    guard var screen = try await Self.startSyncedDemo(tmux) else { return }
    Self.show(":pods", zoomed: false, tmux)
    tmux.sendText("/embeddings-")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 60) { screen in
      screen.contains("Pod (po)") && Self.matches(#"embeddings-[a-z0-9]+-[a-z0-9]{5} +1/1 +Running"#, screen)
    }
    guard let pod = screen.firstMatch(of: /─ Pod demo\/(embeddings-[a-z0-9]+-[a-z0-9]{5})[ ]/).map({ String($0.1) })
    else {
      Issue.record("no embeddings pod selected:\n\(screen)")
      return
    }
    tmux.sendKeys("l")
    // The pane already follows the selected pod before `l`: the focus moving to it is what `l` did.
    screen = await tmux.waitFor(timeout: 30) { screen in
      screen.contains("Logs · \(pod) · model") && screen.contains("model server ready") && screen.contains(" logs · ")
    }
    #expect(screen.contains("Logs · \(pod) · model"), "the logs pane is not the pod's:\n\(screen)")
    #expect(screen.contains("loading model weights"), "no startup line of the pod:\n\(screen)")
    #expect(screen.contains("model server ready"), "no ready line of the pod:\n\(screen)")
    #expect(screen.contains(" logs · "), "the logs pane has not the focus:\n\(screen)")
    #expect(!screen.contains("aiconsole-controller"), "other pods' lines are mixed in:\n\(screen)")

    tmux.sendKeys("q")
    screen = await tmux.waitFor("__EXITED__", timeout: 30)
    #expect(screen.contains("__EXITED__ rc=0"), "the console did not quit cleanly:\n\(screen)")
  }
}
