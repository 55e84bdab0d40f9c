import ClusterTestSupport
import Foundation
import Testing

/// The stable-vs-canary table on the real binary and the embedded demo (in the serialized tmux
/// suite). The demo's own canary is judged and may be gone within seconds, so the test gives the
/// plain `support` service a canary of its own first, through kubectl and the API server.
extension ConsoleTmuxTests {
  /// A pool's row of the table: its name and ModelDeployment, then its requests per second.
  static func poolRate(_ pool: String, _ deployment: String, in screen: String) -> String? {
    let pattern = try? Regex<(Substring, Substring)>(#"\#(pool) \#(deployment) +(\S+) "#)
    return pattern.flatMap { screen.firstMatch(of: $0) }.map { String($0.1) }
  }

  /// A figure the pane shows for a known, positive rate (not `0` and not the unknown dash).
  static func isPositive(_ figure: String?) -> Bool {
    guard let figure, let first = figure.first, first.isNumber else { return false }
    return figure.contains { $0.isNumber && $0 != "0" }
  }

  /// Runs kubectl against the embedded world's kubeconfig; its exit status and output.
  static func kubectl(_ arguments: [String], state: URL) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["kubectl", "--kubeconfig", state.appendingPathComponent("kubeconfig").path] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
  }

  @Test("an InferenceService with a canary: the stable-vs-canary table shows both pools serving")
  func canaryTable() async throws {
    let tmux = try Tmux(name: "console-canary")
    defer { tmux.kill() }
    guard try await Self.startSyncedDemo(tmux) != nil else { return }
    let state = tmux.directory.appendingPathComponent("state")
    let patch = #"{"spec":{"canary":{"modelRef":{"name":"mistral-7b-v2"},"trafficPercent":50}}}"#
    let patched = try Self.kubectl(
      ["-n", "demo", "patch", "inferenceservice", "support", "--type", "merge", "-p", patch], state: state)
    guard patched.status == 0 else {
      Issue.record("kubectl patch failed (\(patched.status)): \(patched.output)")
      return
    }

    Self.show(":infsvc", zoomed: false, tmux)
    tmux.sendText("/support")
    tmux.sendKeys("Enter")
    // The canary's instances start (a few seconds), the gateway sends it half of the support
    // route's requests, and two scrapes later both pools have a rate.
    let screen = await tmux.waitFor(timeout: 120) { screen in
      Self.isPositive(Self.poolRate("stable", "mistral-7b-v1", in: screen))
        && Self.isPositive(Self.poolRate("canary", "mistral-7b-v2", in: screen))
    }
    #expect(screen.contains("canary demo/support · 50% · no analysis, moved by hand"), "no verdict line:\n\(screen)")
    #expect(Self.matches(#"POOL +REQ/s .*ERR% .*P99"#, screen), "no table header:\n\(screen)")
    #expect(
      Self.isPositive(Self.poolRate("stable", "mistral-7b-v1", in: screen)), "stable pool without requests:\n\(screen)")
    #expect(
      Self.isPositive(Self.poolRate("canary", "mistral-7b-v2", in: screen)), "canary pool without requests:\n\(screen)")

    tmux.sendKeys("q")
    let last = await tmux.waitFor("__EXITED__", timeout: 30)
    #expect(last.contains("__EXITED__ rc=0"), "the console did not quit cleanly:\n\(last)")
  }
}
