import ClusterTestSupport
import Foundation
import Testing

/// The console's operations on the real binary in tmux, against the embedded demo: a bad version
/// rolled back with `r`, a canary's traffic moved with `c` and the gateway's split following, a
/// route edited in the form with a refused value corrected in place.
@Suite("Console operations in tmux", .serialized, .enabled(if: Tmux.isAvailable))
struct ConsoleOperationsTmuxTests {
  static let badVersion = """
    apiVersion: ai.aiconsole.dev/v1
    kind: ModelDeployment
    metadata: {name: bge-large-v2, namespace: demo}
    spec:
      artifactURI: hf://demo/bge-large@v2
      modelName: bge-large
      modelVersion: "2"
      runtime: vllm
      resources: {gpu: 1}
      simulation: {failureMode: crashloop, startupSeconds: 1, tokensPerSecondPerGPU: 50}

    """

  static func matches(_ pattern: String, _ text: String) -> Bool { ConsoleTmuxTests.matches(pattern, text) }

  /// Shows one kind, filtered to names containing `filter`.
  static func show(_ kind: String, _ filter: String, _ tmux: Tmux) {
    tmux.sendText(":\(kind)")
    tmux.sendKeys("Enter")
    tmux.sendText("/\(filter)")
    tmux.sendKeys("Enter")
  }

  @Test("roll back a crash-looping version, follow a canary's split, edit a route in the form and in $EDITOR")
  func operations() async throws {
    let tmux = try Tmux(name: "console-ops")
    defer { tmux.kill() }
    let state = tmux.directory.appendingPathComponent("state")
    let editor = tmux.directory.appendingPathComponent("editor.sh")
    try Self.editorScript(marker: tmux.directory.appendingPathComponent("reopened.yaml")).write(
      to: editor, atomically: true, encoding: .utf8)
    try tmux.start(
      script: "export EDITOR='sh \(editor.path)'\n"
        + ConsoleTmuxTests.script("--embedded --state-dir '\(state.path)'", home: tmux.directory), width: 200,
      height: 50)
    var screen = await tmux.waitFor(timeout: 120) { $0.contains("embeddings") && $0.contains("synced") }
    #expect(screen.contains("synced"), "console did not sync:\n\(screen)")

    try await rollBack(tmux, kubeconfig: state.appendingPathComponent("kubeconfig"))
    await moveCanary(tmux, kubeconfig: state.appendingPathComponent("kubeconfig"))
    await editRoute(tmux)
    try await editRouteYAML(tmux)

    tmux.sendKeys("q")
    screen = await tmux.waitFor("__EXITED__", timeout: 30)
    #expect(screen.contains("__EXITED__ rc=0"), "console did not quit cleanly:\n\(screen)")
  }

  /// Someone ships a version that crash-loops; the operator sees Degraded, picks the previous
  /// revision with `r`, confirms, and the pool is Ready on the old version again.
  func rollBack(_ tmux: Tmux, kubeconfig: URL) async throws {
    let manifest = tmux.directory.appendingPathComponent("bad-version.yaml")
    try Self.badVersion.write(to: manifest, atomically: true, encoding: .utf8)
    let kubectl = "kubectl --kubeconfig '\(kubeconfig.path)'"
    let patch = #"{"spec":{"modelVersion":"2"}}"#
    tmux.run(["new-window", "-d", "-t", "t", "-n", "kubectl", "/bin/sh"])
    tmux.run([
      "send-keys", "-t", "t:kubectl",
      "\(kubectl) apply -f '\(manifest.path)' && \(kubectl) -n demo patch aicluster embeddings --type merge -p '\(patch)'",
      "Enter",
    ])
    Self.show("aic", "embeddings", tmux)
    var screen = await tmux.waitFor(timeout: 90) { $0.contains("✖ demo       embeddings") && $0.contains("CrashLoop") }
    #expect(screen.contains("CrashLoop"), "the bad version never showed Degraded:\n\(screen)")

    tmux.sendKeys("r")
    screen = await tmux.waitFor("Roll back AICluster demo/embeddings", timeout: 30)
    #expect(screen.contains("- spec.modelVersion: 2"), "no diff in the picker:\n\(screen)")
    #expect(screen.contains("+ spec.modelVersion: 1.5"), "no diff in the picker:\n\(screen)")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor("back to revision", timeout: 30)
    tmux.sendKeys("y")
    screen = await tmux.waitFor(timeout: 90) {
      Self.matches(#"● demo +embeddings +bge-large +1\.5 +2/2"#, $0) && Self.matches(#"Degraded +False"#, $0)
    }
    #expect(Self.matches(#"● demo +embeddings +bge-large +1\.5 +2/2"#, screen), "not Ready on 1.5 again:\n\(screen)")
    screen = await tmux.waitFor(timeout: 60) { $0.contains("reconciled: Success") }
    #expect(screen.contains("roll back AICluster demo/embeddings to revision"))
    #expect(screen.contains("reconciled: Success"), "the activity row never saw the reconcile:\n\(screen)")
  }

  /// `c` moves the canary's share; the tokens each pool serves follow the split. The demo's own
  /// canary is judged and aborted by analysis, so the test puts a canary without analysis in place
  /// first (the kubectl window `rollBack` opened).
  func moveCanary(_ tmux: Tmux, kubeconfig: URL) async {
    let canary = #"{"spec":{"canary":{"modelRef":{"name":"llama-3-8b-v2"},"trafficPercent":30,"analysis":null}}}"#
    tmux.run([
      "send-keys", "-t", "t:kubectl",
      "kubectl --kubeconfig '\(kubeconfig.path)' -n demo patch infsvc assistant --type merge -p '\(canary)'", "Enter",
    ])
    Self.show("infsvc", "assistant", tmux)
    _ = await tmux.waitFor("llama-3-8b-v2 30%", timeout: 30)
    // An idle pool's rate falls to 0.0, or to "-" once its series has no samples in the window.
    let stableIdle = #"● demo +assistant +llama-3-8b +1 +2/2 +\S+ +(0\.0|-) "#
    let canaryIdle = #"● demo +assistant-canary +llama-3-8b +2 +1/1 +\S+ +(0\.0|-) "#
    for (percent, idle, busy) in [("0", canaryIdle, "assistant "), ("100", stableIdle, "assistant-canary ")] {
      Self.show("infsvc", "assistant", tmux)
      tmux.sendKeys("c")
      _ = await tmux.waitFor("canary of InferenceService demo/assistant", timeout: 30)
      tmux.sendKeys("BSpace", "BSpace", "BSpace")
      tmux.sendText(percent)
      tmux.sendKeys("Enter")
      _ = await tmux.waitFor("llama-3-8b-v2 \(percent)%", timeout: 30)
      Self.show("aic", "assistant", tmux)
      // The pool taking everything may be scaling up meanwhile (◐).
      let serving = "[●◐] demo +\(busy)+llama-3-8b +[12] +[0-9]/[0-9] +\\S+ +[1-9]"
      let screen = await tmux.waitFor(timeout: 90) { Self.matches(idle, $0) && Self.matches(serving, $0) }
      #expect(Self.matches(idle, screen), "the split did not follow \(percent)% to the canary:\n\(screen)")
      #expect(Self.matches(serving, screen), "the pool taking the traffic serves nothing:\n\(screen)")
    }
  }

  /// The operator's "editor": the first time it sets a weight the server refuses; reopened with the
  /// refusal on top (kept in `marker` for the test to read), it corrects the weight to 70.
  static func editorScript(marker: URL) -> String {
    """
    if grep -q '^# \\* ' "$1"; then
      cp "$1" '\(marker.path)'
      sed -i 's/weight: -5/weight: 70/' "$1"
    else
      sed -i 's/weight: 80/weight: -5/' "$1"
    fi

    """
  }

  /// `E` on a route: its YAML in `$EDITOR` on the same terminal; a refused edit comes back to the
  /// editor with the reasons on top and the text as saved, and the corrected one is applied.
  func editRouteYAML(_ tmux: Tmux) async throws {
    tmux.sendKeys("E")
    let screen = await tmux.waitFor(timeout: 60) { $0.contains("assistant 70") }
    #expect(screen.contains("assistant 70"), "the edit made in the editor is not on the route:\n\(screen)")
    let reopened = try String(
      contentsOf: tmux.directory.appendingPathComponent("reopened.yaml"), encoding: .utf8)
    #expect(reopened.contains("# aimodelroute was not valid:"), "no reasons on top:\n\(reopened)")
    #expect(reopened.contains("weight: -5"), "the refused text was not kept:\n\(reopened)")
  }

  /// `e` on a route: a weight the server refuses is shown beside its field with everything typed
  /// kept; corrected, the route is saved with the new weight and rate limit.
  func editRoute(_ tmux: Tmux) async {
    Self.show("airoute", "assistant", tmux)
    _ = await tmux.waitFor(timeout: 30) { $0.contains("AIModelRoute (airoute)") && $0.contains("90rpm") }
    tmux.sendKeys("e")
    var screen = await tmux.waitFor("Edit AIModelRoute demo/assistant", timeout: 30)
    tmux.sendKeys("Tab", "BSpace", "BSpace", "BSpace")
    tmux.sendText("150")
    tmux.sendKeys("Tab", "Tab", "Tab", "BSpace", "BSpace")
    tmux.sendText("600")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor("✗ Invalid value: 150", timeout: 30)
    #expect(screen.contains("✗ Invalid value: 150"), "the server's refusal is not beside the field:\n\(screen)")
    #expect(Self.matches(#"requests/min +600"#, screen), "the typed rate limit was lost:\n\(screen)")
    #expect(Self.matches(#"weight 1 +150"#, screen), "the typed weight was lost:\n\(screen)")
    tmux.sendKeys("BSpace", "BSpace", "BSpace")
    tmux.sendText("80")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 30) { $0.contains("assistant 80") && $0.contains("600rpm") }
    #expect(screen.contains("assistant 80"), "the new weight is not on the route:\n\(screen)")
    #expect(screen.contains("600rpm"), "the new rate limit is not on the route:\n\(screen)")
  }
}
