import ClusterTestSupport
import Foundation
import Testing

/// Kinds the console has no code of its own for, on the real binary and the embedded demo (in the
/// serialized tmux suite): `:pods` with their nodes, the owner tree opening a Pod, `:events` and
/// an InferenceService's detail showing a crash loop, `:no` the simulated GPU nodes.
extension ConsoleTmuxTests {
  /// A version that never becomes Ready (the simulated model server exits with code 1 after
  /// loading), served by its own InferenceService, as someone shipping a bad build would.
  static let crashLoopingService = """
    apiVersion: ai.aiconsole.dev/v1
    kind: ModelDeployment
    metadata: {name: qwen-2-7b-v1, namespace: demo}
    spec:
      artifactURI: hf://demo/qwen-2-7b@v1
      modelName: qwen-2-7b
      modelVersion: "1"
      runtime: vllm
      resources: {gpu: 1}
      simulation: {failureMode: crashloop, startupSeconds: 1, tokensPerSecondPerGPU: 50}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: InferenceService
    metadata: {name: qwen, namespace: demo}
    spec:
      modelRef: {name: qwen-2-7b-v1}
      replicas: 1
      hardwareProfile: {gpu: 1}

    """

  /// The demo's AIClusters, whose pods the simulated fleet places on its GPU nodes (its canary's
  /// pool lasts only until analysis aborts the slow canary, so it is not among them).
  static let demoPools = ["assistant", "support", "embeddings"]

  /// A Pod row of `pool` (zoomed, so names are whole): namespace, name (`pool-<revision>-<suffix>`),
  /// READY, STATUS, RESTARTS, IP, NODE (a simulated GPU node) and its one GPU.
  static func podRow(_ pool: String) -> String {
    #"demo +\#(pool)-[a-z0-9]+-[a-z0-9]{5} +1/1 +Running +\d+ +10\.244\.\d+\.\d+ +sim-gpu-node-\d+ +1 "#
  }

  /// Starts the real binary on the embedded demo in `tmux` (200x50) and waits until it is synced;
  /// the screen then, or nil after recording why not.
  static func startSyncedDemo(_ tmux: Tmux) async throws -> String? {
    let state = tmux.directory.appendingPathComponent("state")
    try tmux.start(
      script: script("--embedded --state-dir '\(state.path)'", home: tmux.directory), width: 200, height: 50)
    let screen = await tmux.waitFor(timeout: 120) { $0.contains("embeddings") && $0.contains(" synced") }
    guard screen.contains(" synced") else {
      Issue.record("the console did not sync:\n\(screen)")
      return nil
    }
    return screen
  }

  /// Runs `command` (`:pods`, `:no`) and zooms the list, so whole names show.
  static func show(_ command: String, zoomed: Bool, _ tmux: Tmux) {
    tmux.sendText(command)
    tmux.sendKeys("Enter")
    if zoomed { tmux.sendKeys("z") }
  }

  @Test(":pods with their nodes, enter on a Pod of the owner tree, :events and the detail with a crash loop, :no")
  func kindsOnTheDemo() async throws {
    let tmux = try Tmux(name: "console-kinds")
    defer { tmux.kill() }
    guard var screen = try await Self.startSyncedDemo(tmux) else { return }
    let state = tmux.directory.appendingPathComponent("state")
    // The bad version starts now, so that it has crash-looped by the time `:events` is shown.
    let manifest = tmux.directory.appendingPathComponent("crash-looping.yaml")
    try Self.crashLoopingService.write(to: manifest, atomically: true, encoding: .utf8)
    let kubectl = "kubectl --kubeconfig '\(state.appendingPathComponent("kubeconfig").path)'"
    tmux.run(["new-window", "-d", "-t", "t", "-n", "kubectl", "/bin/sh"])
    tmux.run(["send-keys", "-t", "t:kubectl", "\(kubectl) apply -f '\(manifest.path)'", "Enter"])

    // `:pods`: every pool's pods, each on a simulated GPU node with its GPU.
    Self.show(":pods", zoomed: true, tmux)
    screen = await tmux.waitFor(timeout: 60) { screen in
      Self.demoPools.allSatisfy { Self.matches(Self.podRow($0), screen) }
    }
    #expect(screen.contains("Pod (po) · all namespaces"), "not the pod list:\n\(screen)")
    #expect(
      Self.matches(#"NAMESPACE +NAME▲ +READY +STATUS +RESTARTS +IP +NODE +GPU +AGE"#, screen), "columns:\n\(screen)")
    for pool in Self.demoPools {
      #expect(Self.matches(Self.podRow(pool), screen), "no running pod of \(pool) on a GPU node:\n\(screen)")
    }
    // The console's own components are pods too, on the embedded node.
    #expect(Self.matches(#"aiconsole-system +aiconsole-controller +1/1 +Running .* embedded "#, screen))
    tmux.sendKeys("z")

    // `:no`: the simulated GPU fleet, eight H100s a node.
    Self.show(":no", zoomed: true, tmux)
    screen = await tmux.waitFor(timeout: 30) { $0.contains("Node (no)") && $0.contains("sim-gpu-node-4") }
    for node in 1...4 {
      #expect(
        Self.matches(#"sim-gpu-node-\#(node) +Ready +gpu-worker +\S+ +8 NVIDIA-H100-80GB-HBM3 "#, screen),
        "node \(node) missing or without its GPUs:\n\(screen)")
    }
    tmux.sendKeys("z")

    try await openPodFromOwnerTree(tmux)
    await crashLoopEvents(tmux)

    tmux.sendKeys("q")
    screen = await tmux.waitFor("__EXITED__", timeout: 30)
    #expect(screen.contains("__EXITED__ rc=0"), "the console did not quit cleanly:\n\(screen)")
  }

  /// An AICluster's detail, `enter` for its owner tree, a Pod row, `enter`: the Pod list opens
  /// with that pod selected (its detail on the right) and the path in the title; `esc` goes back.
  func openPodFromOwnerTree(_ tmux: Tmux) async throws {
    Self.show(":aic", zoomed: false, tmux)
    tmux.sendText("/embeddings")
    tmux.sendKeys("Enter")
    _ = await tmux.waitFor(timeout: 30) { $0.contains("[1/") && $0.contains("/embeddings") }
    tmux.sendKeys("Enter")
    _ = await tmux.waitFor("AICluster demo/embeddings", timeout: 30)
    tmux.sendKeys("Enter")
    var screen = await tmux.waitFor("Owner tree of AICluster demo/embeddings", timeout: 30)
    let pods = screen.matches(of: /Pod\/(embeddings-[a-z0-9]+-[a-z0-9]{5})/).map { String($0.1) }
    guard let pod = pods.first else {
      Issue.record("the owner tree lists no pod:\n\(screen)")
      return
    }
    #expect(screen.contains("AICluster/embeddings"), "the tree does not start at the AICluster:\n\(screen)")
    tmux.sendKeys("j")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 30) { $0.contains("─ Pod demo/\(pod) ") }
    #expect(screen.contains("AICluster/embeddings › Pod (po)"), "no breadcrumbs in the title:\n\(screen)")
    #expect(screen.contains("─ Pod demo/\(pod) "), "the detail is not the pod's:\n\(screen)")
    #expect(screen.contains("Controlled by:   AICluster/embeddings"), "not the pod's detail:\n\(screen)")
    #expect(Self.matches(#"Node: +sim-gpu-node-\d+ / 10\.244\."#, screen), "the pod's node is not shown:\n\(screen)")
    // The selected row is that pod: the footer gives its position among the rows, and that row
    // has the pod's IP (the names are cut short, and the two pods of a revision differ at the end).
    let rows = screen.split(separator: "\n").filter { Self.matches(#"^┃[●◐✖○] "#, String($0)) }
    let position = screen.firstMatch(of: /resources · (\d+)\/\d+/).flatMap { Int($0.1) } ?? 0
    let ip = screen.firstMatch(of: /IP: +(10\.244\.\d+\.\d+)/).map { String($0.1) } ?? "?"
    #expect(
      rows.indices.contains(position - 1) && rows[position - 1].contains(" \(ip) "),
      "row \(position) is not \(pod) (\(ip)):\n\(screen)")
    tmux.sendKeys("Escape")
    screen = await tmux.waitFor(timeout: 30) { $0.contains("AICluster (aic) · all namespaces") }
    #expect(!screen.contains("› Pod (po)"), "esc did not go back along the path:\n\(screen)")
    #expect(screen.contains("AICluster (aic) · all namespaces"), "esc did not return to the AIClusters:\n\(screen)")
  }

  /// `:events` lists the crash-looping version's Warning; the InferenceService's detail shows it
  /// among the events of its subtree, naming the AICluster that carries it.
  func crashLoopEvents(_ tmux: Tmux) async {
    Self.show(":ev", zoomed: true, tmux)
    let warning =
      #"demo +qwen\.[0-9a-f]+ +\S+ +Warning +CrashLoop +aicluster/qwen +1 instance of model qwen-2-7b 1 crash-looping"#
    var screen = await tmux.waitFor(timeout: 90) { Self.matches(warning, $0) }
    #expect(screen.contains("Event (ev) · all namespaces"), "not the event list:\n\(screen)")
    #expect(Self.matches(warning, screen), "no CrashLoop warning in :events:\n\(screen)")
    tmux.sendKeys("z")

    Self.show(":infsvc", zoomed: false, tmux)
    tmux.sendText("/qwen")
    tmux.sendKeys("Enter")
    _ = await tmux.waitFor(timeout: 30) { $0.contains("[1/") && $0.contains("/qwen") }
    tmux.sendKeys("Enter")
    _ = await tmux.waitFor("InferenceService demo/qwen", timeout: 30)
    tmux.sendKeys("z")
    let detailWarning = #"Warning +CrashLoop +AICluster/qwen +\S+ +1 instance of model qwen-2-7b 1 crash-looping"#
    screen = await tmux.waitFor(timeout: 30) { Self.matches(detailWarning, $0) }
    #expect(Self.matches(#"─ Events \(\d+\)"#, screen), "no events in the InferenceService's detail:\n\(screen)")
    #expect(Self.matches(detailWarning, screen), "the detail does not show its AICluster's CrashLoop:\n\(screen)")
    tmux.sendKeys("z")
    // Apart, so that the terminal does not read escape and the next key as one alt-key.
    tmux.sendKeys("Escape")
    _ = await tmux.waitFor(timeout: 10) { !$0.contains("━ InferenceService demo/qwen ━") }
  }
}
