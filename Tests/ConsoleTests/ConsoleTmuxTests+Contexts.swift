import ClusterTestSupport
import Foundation
import KubeCore
import Testing

/// `:ctx` on the real binary (in the serialized tmux suite): two `aiconsole serve` state
/// directories, their contexts merged through `KUBECONFIG`; the console switches between them
/// without a restart and shows only the objects of the context on screen.
extension ConsoleTmuxTests {
  /// A serve's kubeconfig with its names (every serve writes `aiconsole-embedded`) made unique,
  /// written beside the original, where the serve's `endpoints.json` is, as an operator merging
  /// two clusters' kubeconfigs would rename them.
  static func renamedKubeconfig(in state: URL, as suffix: String) throws -> String {
    let original = try String(contentsOf: state.appendingPathComponent("kubeconfig"), encoding: .utf8)
    var config = try JSONValue.parseYAML(original)
    let context = (config["contexts"]?.arrayValue ?? []).first { $0["name"]?.stringValue == "aiconsole-embedded" }
    let cluster = config["clusters"]?.arrayValue?.first
    let userName = context?["context"]?["user"]?.stringValue
    let user = (config["users"]?.arrayValue ?? []).first { $0["name"]?.stringValue == userName }
    guard var context, var cluster, var user else { throw TmuxContextError("no context in \(original)") }
    context["name"] = .string("ctx-\(suffix)")
    context.set(.string("cluster-\(suffix)"), at: ["context", "cluster"])
    context.set(.string("admin-\(suffix)"), at: ["context", "user"])
    cluster["name"] = .string("cluster-\(suffix)")
    user["name"] = .string("admin-\(suffix)")
    config["contexts"] = [context]
    config["clusters"] = [cluster]
    config["users"] = [user]
    config["current-context"] = .string("ctx-\(suffix)")
    let path = state.appendingPathComponent("kubeconfig-\(suffix)").path
    try config.yamlString().write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func aiCluster(_ name: String) -> String {
    """
    apiVersion: ai.aiconsole.dev/v1
    kind: AICluster
    metadata: {name: \(name), namespace: default}
    spec: {replicas: 1, modelName: llama-3-8b, modelVersion: v1.0.0, image: vllm/vllm-openai:v0.6.3}
    """
  }

  /// The API server's URL a serve's window printed (`ready https://127.0.0.1:PORT`).
  static func server(in window: String) -> String? {
    window.firstMatch(of: /ready (https:\/\/127\.0\.0\.1:\d+)/).map { String($0.1) }
  }

  @Test(
    ":ctx switches between two serves' contexts merged in KUBECONFIG, and back; an unreachable one shows the banner")
  func switchContexts() async throws {
    let tmux = try Tmux(name: "console-ctx")
    defer { tmux.kill() }
    var servers: [String: String] = [:]
    var kubeconfigs: [String] = []
    try tmux.start(script: "sleep 600", width: 170, height: 45)
    for suffix in ["a", "b"] {
      let state = tmux.directory.appendingPathComponent("serve-\(suffix)")
      let manifest = tmux.directory.appendingPathComponent("\(suffix).yaml")
      try Self.aiCluster("only-in-\(suffix)-cluster").write(to: manifest, atomically: true, encoding: .utf8)
      tmux.run(["new-window", "-d", "-t", "t", "-n", "serve-\(suffix)", "/bin/sh"])
      tmux.run([
        "send-keys", "-t", "t:serve-\(suffix)",
        "'\(Self.binary)' serve --state-dir '\(state.path)' --no-gateway --simulated-nodes 1", "Enter",
      ])
      let ready = await Polling.until(upTo: .seconds(120)) {
        Self.server(in: tmux.run(["capture-pane", "-p", "-t", "t:serve-\(suffix)"]).output) != nil
      }
      let window = tmux.run(["capture-pane", "-p", "-t", "t:serve-\(suffix)"]).output
      guard ready, let server = Self.server(in: window) else {
        Issue.record("serve \(suffix) did not start:\n\(window)")
        return
      }
      servers[suffix] = server
      kubeconfigs.append(try Self.renamedKubeconfig(in: state, as: suffix))
      let kubectl = "kubectl --kubeconfig '\(state.appendingPathComponent("kubeconfig").path)'"
      tmux.run(["new-window", "-d", "-t", "t", "-n", "kubectl-\(suffix)", "/bin/sh"])
      tmux.run(["send-keys", "-t", "t:kubectl-\(suffix)", "\(kubectl) apply -f '\(manifest.path)'", "Enter"])
    }
    let console = Self.script("", home: tmux.directory).replacingOccurrences(
      of: "unset KUBECONFIG", with: "export KUBECONFIG='\(kubeconfigs.joined(separator: ":"))'")
    let script = tmux.directory.appendingPathComponent("console.sh")
    try console.write(to: script, atomically: true, encoding: .utf8)
    tmux.run(["respawn-pane", "-k", "-t", "t:0", "/bin/sh '\(script.path)'"])

    // Context a, the first file's current-context.
    var screen = await tmux.waitFor(timeout: 120) { $0.contains("only-in-a-cluster") && $0.contains(" synced") }
    #expect(screen.contains("context ctx-a · \(servers["a"] ?? "?")"), "not on context a:\n\(screen)")
    #expect(screen.contains("only-in-a-cluster"), "a's object is not listed:\n\(screen)")

    // The picker lists both, a marked; j and enter switch to b.
    tmux.sendText(":ctx")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 10) { $0.contains("Contexts") && $0.contains("ctx-b") }
    #expect(screen.contains("* ctx-a"), "the picker does not mark the current context:\n\(screen)")
    #expect(screen.contains(servers["b"] ?? "?"), "the picker does not show b's server:\n\(screen)")
    tmux.sendKeys("j")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 60) { $0.contains("only-in-b-cluster") && $0.contains(" synced") }
    #expect(screen.contains("context ctx-b · \(servers["b"] ?? "?")"), "the header does not name b:\n\(screen)")
    #expect(screen.contains("only-in-b-cluster"), "b's object is not listed:\n\(screen)")
    #expect(!screen.contains("only-in-a-cluster"), "a's object is still shown on b:\n\(screen)")

    // Back to a by name, completed with tab.
    tmux.sendText(":ctx ctx-")
    tmux.sendKeys("Tab")
    screen = await tmux.waitFor(timeout: 10) {
      $0.contains("ctx-a") && $0.contains("ctx-b") && $0.contains(":ctx ctx-")
    }
    tmux.sendText("a")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 60) {
      $0.contains("only-in-a-cluster") && $0.contains(" synced") && !$0.contains("only-in-b-cluster")
    }
    #expect(screen.contains("context ctx-a · \(servers["a"] ?? "?")"), "not back on a:\n\(screen)")
    #expect(!screen.contains("only-in-b-cluster"), "b's object is still shown on a:\n\(screen)")

    // b's server stops: switching to it shows the disconnected banner for b, and a comes back.
    tmux.run(["send-keys", "-t", "t:serve-b", "C-c"])
    _ = await Polling.until(upTo: .seconds(30)) {
      tmux.run(["capture-pane", "-p", "-t", "t:serve-b"]).output.contains("$ ")
    }
    tmux.sendText(":ctx ctx-b")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 60) { $0.contains("API server unreachable") }
    #expect(screen.contains("context ctx-b · \(servers["b"] ?? "?")"), "the header does not name b:\n\(screen)")
    #expect(screen.contains("API server unreachable"), "no banner for the unreachable context:\n\(screen)")
    #expect(!screen.contains("only-in-a-cluster"), "a's object shows on b:\n\(screen)")
    tmux.sendText(":ctx ctx-a")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 60) {
      $0.contains("only-in-a-cluster") && $0.contains(" synced") && !$0.contains("unreachable")
    }
    #expect(screen.contains("context ctx-a ·") && !screen.contains("unreachable"), "a did not come back:\n\(screen)")
    tmux.sendKeys("q")
    screen = await tmux.waitFor(timeout: 30) { $0.contains("__EXITED__") }
    #expect(screen.contains("__EXITED__ rc=0"), "the console did not quit cleanly:\n\(screen)")
  }
}

struct TmuxContextError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
