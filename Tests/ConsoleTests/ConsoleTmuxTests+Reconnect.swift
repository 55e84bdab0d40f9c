import ClusterTestSupport
import Foundation
import Testing

/// Messages and reconnection on the real binary (in the serialized tmux suite): a theme that did
/// not load is said on screen, and after the API server comes back ctrl-r resyncs at once instead
/// of waiting out the backoff the banner counts down.
extension ConsoleTmuxTests {
  @Test("--theme with a broken theme file says why in the status line, on the screen")
  func themeWarningOnScreen() async throws {
    let tmux = try Tmux(name: "console-theme")
    defer { tmux.kill() }
    let broken = tmux.directory.appendingPathComponent("broken.yaml")
    try "styles:\n  text: [oops]\n".write(to: broken, atomically: true, encoding: .utf8)
    let state = tmux.directory.appendingPathComponent("state")
    let console = Self.script(
      "--embedded --no-demo --state-dir '\(state.path)' --theme '\(broken.path)'", home: tmux.directory)
    try tmux.start(script: console, width: 200, height: 40)
    let screen = await tmux.waitFor(timeout: 60) { $0.contains("theme not loaded") }
    #expect(
      screen.contains("theme not loaded, using default: \(broken.path):2: key 'styles.text'"),
      "no theme warning on screen:\n\(screen)")
  }

  /// The soonest retry the banner counts down to, in seconds.
  static func countdown(_ screen: String) -> Int? {
    guard let match = screen.firstMatch(of: /unreachable — showing data from \S+ ago; retrying in (\d+)s/) else {
      return nil
    }
    return Int(match.1)
  }

  @Test("after the API server comes back, ctrl-r resyncs at once instead of waiting out the countdown")
  func retryNowAfterRestart() async throws {
    let tmux = try Tmux(name: "console-retry")
    defer { tmux.kill() }
    let state = tmux.directory.appendingPathComponent("serve")
    let serve = "'\(Self.binary)' serve --state-dir '\(state.path)'"
    let kubeconfig = state.appendingPathComponent("kubeconfig").path
    let console = Self.script("--kubeconfig '\(kubeconfig)'", home: tmux.directory)
    try tmux.start(script: "while [ ! -f '\(kubeconfig)' ]; do sleep 0.2; done\n" + console, width: 160, height: 45)
    tmux.run(["new-window", "-d", "-t", "t", "-n", "serve", "/bin/sh"])
    tmux.run(["send-keys", "-t", "t:serve", serve, "Enter"])
    let synced = await tmux.waitFor(timeout: 120) { $0.contains(" synced") }
    #expect(synced.contains("synced"), "console did not sync:\n\(synced)")
    tmux.run(["send-keys", "-t", "t:serve", "C-c"])
    // Let the backoff grow until the next try is seconds away (the soonest of every informer's).
    var screen = await tmux.waitFor(timeout: 90) { (Self.countdown($0) ?? 0) >= 5 }
    guard Self.countdown(screen) != nil else {
      Issue.record("no countdown in the banner:\n\(screen)")
      return
    }
    #expect(screen.contains("(ctrl-r: now)"), "the banner does not name the retry key:\n\(screen)")
    // While the server is down, ctrl-r retries at once: a countdown about to run out starts over
    // at the grown backoff, sooner than any informer's own timer could make it.
    screen = await tmux.waitFor(timeout: 60) { (2...3).contains(Self.countdown($0) ?? 0) }
    tmux.sendKeys("C-r")
    screen = await tmux.waitFor(timeout: 1.5) { (Self.countdown($0) ?? 0) >= 6 }
    #expect((Self.countdown(screen) ?? 0) >= 6, "ctrl-r did not retry now:\n\(screen)")
    // ctrl-r, pressed over and over while the server starts: each press that fails starts every
    // informer's long wait again, so only a press can end the outage, and the first one after
    // the server is ready must.
    tmux.run(["send-keys", "-t", "t:serve", "clear; \(serve)", "Enter"])
    var ready: ContinuousClock.Instant?
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
      tmux.sendKeys("C-r")
      // The next press comes when this one has not resynced within a quarter second.
      screen = await tmux.waitFor(timeout: 0.25) { !$0.contains("unreachable") && $0.contains(" synced") }
      if ready == nil, tmux.run(["capture-pane", "-p", "-t", "t:serve"]).output.contains("ready https://") {
        ready = .now
      }
      if !screen.contains("unreachable"), screen.contains(" synced") { break }
    }
    let resynced = ContinuousClock.now
    #expect(!screen.contains("unreachable"), "ctrl-r did not resync:\n\(screen)")
    if let ready { #expect(resynced - ready < .seconds(3), "resynced \(resynced - ready) after the server was ready") }
  }
}
