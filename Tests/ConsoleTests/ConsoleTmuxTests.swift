import ClusterTestSupport
import Foundation
import Testing

/// The real `aiconsole` binary in a real terminal (tmux): the embedded world with the demo, keys,
/// views, resizes, and an API server that goes away and comes back.
@Suite("Console in tmux", .serialized, .enabled(if: Tmux.isAvailable))
struct ConsoleTmuxTests {
  /// `$AICONSOLE_BIN` when set, else `aiconsole` next to the test bundle.
  static var binary: String {
    if let bin = ProcessInfo.processInfo.environment["AICONSOLE_BIN"], !bin.isEmpty { return bin }
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var products = URL(fileURLWithPath: exe).deletingLastPathComponent()
    if products.pathExtension == "xctest" { products = products.deletingLastPathComponent() }
    return products.appendingPathComponent("aiconsole").path
  }

  /// A pane script that runs the console with `arguments`, then says how it ended and keeps the
  /// last screen readable.
  static func script(_ arguments: String, home: URL) -> String {
    """
    export HOME='\(home.path)'
    unset KUBECONFIG
    export SWIFT_BACKTRACE=enable=yes,interactive=no
    '\(binary)' \(arguments) </dev/tty
    echo "__EXITED__ rc=$?"
    # A crash's report went to the console's diagnostics file; show its end.
    grep -hv '^{' "$HOME"/state/console.log "$HOME"/.local/state/aiconsole/console.log 2>/dev/null | tail -40
    sleep 30
    """
  }

  static let demoNames = [
    "assistant", "support", "support-desk", "embeddings", "llama-3-8b-v1", "llama-3-8b-v2", "mistral-7b-v1",
    "support-ticket",
  ]

  @Test("the embedded demo: every object with its health and reconcile state; kinds, filter, views, resize")
  func embeddedDemo() async throws {
    let tmux = try Tmux(name: "console-demo")
    defer { tmux.kill() }
    let state = tmux.directory.appendingPathComponent("state")
    try tmux.start(
      script: Self.script("--embedded --state-dir '\(state.path)'", home: tmux.directory), width: 200, height: 50)
    // Generous first wait: on a loaded CI machine the embedded world takes a while to come up.
    var screen = await tmux.waitFor(timeout: 120) { screen in
      Self.demoNames.allSatisfy { screen.contains($0) } && screen.contains("synced") && !Self.matches("┃○ ", screen)
    }
    // The selection keeps its object while rows arrive above it, so it may rest on the assistant
    // service, whose canary table then fills the metrics pane until the demo's analysis aborts
    // that canary (minutes on a loaded machine). The first row, an AIApplication, shows the
    // gateway's model table.
    tmux.sendKeys("g")
    screen = await tmux.waitFor(timeout: 90) { Self.servesTokens($0) && Self.hasGPULoad($0) }
    #expect(Self.demoNames.allSatisfy { screen.contains($0) }, "demo objects missing:\n\(screen)")
    #expect(screen.contains("embedded · https://127.0.0.1:"))
    #expect(screen.contains("● AICluster"))
    #expect(screen.contains("RECONCILE"))
    #expect(!Self.matches("┃○ ", screen), "an object without health:\n\(screen)")
    #expect(Self.servesTokens(screen), "no tokens/s in the metrics pane:\n\(screen)")
    #expect(Self.hasGPULoad(screen), "no GPU utilisation in the metrics pane:\n\(screen)")
    // The detail of the last row, a ModelDeployment (short, so its reconcile state shows below
    // its conditions; the AIApplication's SLO section pushes its own out of the pane): conditions
    // and reconcile state, once its last edit was reconciled.
    tmux.sendKeys("G")
    screen = await tmux.waitFor(timeout: 60) { $0.contains("─ Conditions") && $0.contains("in sync (generation") }
    #expect(screen.contains("─ Conditions"))
    #expect(screen.contains("in sync (generation"))

    tmux.sendText(":aic")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 30) {
      $0.contains("AICluster (aic)") && Self.matches(#"mistral-7b +1 +2/2 +\S+ +[0-9.]+k? +[0-9]+%"#, $0)
    }
    #expect(
      Self.matches(#"mistral-7b +1 +2/2 +\S+ +[0-9.]+k? +[0-9]+%"#, screen), "no tokens/s or GPU% column:\n\(screen)")

    // The demo's own canary is judged and aborted within a minute or two (a patch racing that
    // abort could lose), so the test puts a canary of its own on the plain service for the
    // CANARY column to show.
    let kubectl = "kubectl --kubeconfig '\(state.appendingPathComponent("kubeconfig").path)'"
    let canary = #"{"spec":{"canary":{"modelRef":{"name":"mistral-7b-v2"},"trafficPercent":30}}}"#
    tmux.run(["new-window", "-d", "-t", "t", "-n", "kubectl", "/bin/sh"])
    tmux.run([
      "send-keys", "-t", "t:kubectl", "\(kubectl) -n demo patch infsvc support --type merge -p '\(canary)'", "Enter",
    ])
    tmux.sendText(":infsvc")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 30) {
      $0.contains("InferenceService (infsvc)") && $0.contains("mistral-7b-v2 30%")
    }
    #expect(screen.contains("CANARY"))
    #expect(screen.contains("mistral-7b-v2 30%"), "the patched canary is not listed:\n\(screen)")

    tmux.sendText(":ai")
    tmux.sendKeys("Enter")
    tmux.sendText("/embed")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor("/embed", timeout: 30)
    #expect(screen.contains("embeddings"))
    // The header names support-desk while its SLO burns; the list must not.
    #expect(!Self.matches(#"┃. AIApplication +demo +support-desk"#, screen), "the filter kept other rows:\n\(screen)")

    tmux.sendKeys("y")
    screen = await tmux.waitFor(timeout: 30) { $0.contains("modelName: bge-large") && $0.contains("kind: AICluster") }
    #expect(screen.contains("kind: AICluster"))
    tmux.sendKeys("Escape")
    tmux.sendKeys("d")
    screen = await tmux.waitFor(timeout: 30) { $0.contains("Events") && $0.contains("Name:") }
    #expect(screen.contains("Name:"))
    tmux.sendKeys("Escape")

    tmux.run(["resize-window", "-t", "t", "-x", "100", "-y", "30"])
    screen = await tmux.waitFor(timeout: 30) { $0.contains("embeddings") && $0.split(separator: "\n").count <= 30 }
    #expect(screen.contains("embeddings"))
    tmux.run(["resize-window", "-t", "t", "-x", "200", "-y", "50"])
    screen = await tmux.waitFor(timeout: 30) { $0.contains("embeddings") && $0.split(separator: "\n").count > 40 }
    #expect(screen.contains("AI resources"))
    // A storm of resizes, some below the minimum size, leaves it drawing and answering keys.
    for step in 0..<40 {
      let (width, height) = [(60, 20), (200, 50), (120, 30), (30, 10)][step % 4]
      tmux.run(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
    }
    tmux.run(["resize-window", "-t", "t", "-x", "200", "-y", "50"])
    tmux.sendText(":aic")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 30) { $0.contains("AICluster (aic)") && $0.split(separator: "\n").count > 40 }
    #expect(screen.contains("AICluster (aic)"), "no answer after a resize storm:\n\(screen)")
    tmux.sendText(":ai")
    tmux.sendKeys("Enter")

    // Scale the standalone pool from the list: one edit, then READY follows and the activity pane
    // lists the action.
    tmux.sendText(":aic")
    tmux.sendKeys("Enter")
    tmux.sendText("/embeddings")
    tmux.sendKeys("Enter")
    tmux.sendKeys("s")
    screen = await tmux.waitFor("scale AICluster demo/embeddings (now 2", timeout: 30)
    tmux.sendKeys("BSpace")
    tmux.sendText("3")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 90) { Self.matches(#"embeddings +bge-large +1\.5 +3/3"#, $0) }
    #expect(Self.matches(#"embeddings +bge-large +1\.5 +3/3"#, screen), "READY did not reach 3:\n\(screen)")
    screen = await tmux.waitFor(timeout: 30) { $0.contains("scale AICluster demo/embeddings to 3") }
    #expect(screen.contains("scale AICluster demo/embeddings to 3"))

    tmux.sendKeys("q")
    screen = await tmux.waitFor("__EXITED__", timeout: 30)
    #expect(screen.contains("__EXITED__ rc=0"), "console did not quit cleanly:\n\(screen)")
  }

  static let kserveManifests = """
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: inferenceservices.serving.kserve.io
    spec:
      group: serving.kserve.io
      scope: Namespaced
      names: {kind: InferenceService, plural: inferenceservices, singular: inferenceservice, shortNames: [isvc]}
      versions:
      - name: v1beta1
        served: true
        storage: true
        schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        additionalPrinterColumns:
        - {name: URL, type: string, jsonPath: .status.url}
    ---
    apiVersion: v1
    kind: Namespace
    metadata: {name: ml}
    ---
    apiVersion: serving.kserve.io/v1beta1
    kind: InferenceService
    metadata: {name: sklearn-iris, namespace: ml}
    spec: {predictor: {model: {modelFormat: {name: sklearn}, storageUri: "gs://kfserving-examples/models/sklearn/1.0/model"}}}
    status:
      url: http://sklearn-iris.ml.example.com
      conditions: [{type: Ready, status: "True"}]

    """

  static func matches(_ pattern: String, _ text: String) -> Bool {
    text.range(of: pattern, options: .regularExpression) != nil
  }

  /// A model row of the metrics pane with a positive input rate.
  static func servesTokens(_ screen: String) -> Bool {
    matches(#"(mistral-7b|llama-3-8b) +[0-9]*[1-9][0-9.]*k? "#, screen)
  }

  /// A GPU node line with non-zero utilisation.
  static func hasGPULoad(_ screen: String) -> Bool { matches(#"util [1-9][0-9]*%"#, screen) }

  @Test("the console on a state directory a serve already holds attaches to that server and says so")
  func attachesToRunningServer() async throws {
    let tmux = try Tmux(name: "console-attach")
    defer { tmux.kill() }
    let state = tmux.directory.appendingPathComponent("serve")
    let kubeconfig = state.appendingPathComponent("kubeconfig").path
    // The console starts once the server has written its kubeconfig (it holds the lock by then).
    let console = Self.script("--embedded --state-dir '\(state.path)'", home: tmux.directory)
    try tmux.start(script: "while [ ! -f '\(kubeconfig)' ]; do sleep 0.2; done\n" + console, width: 160, height: 45)
    tmux.run(["new-window", "-d", "-t", "t", "-n", "serve", "/bin/sh"])
    tmux.run(["send-keys", "-t", "t:serve", "'\(Self.binary)' serve --state-dir '\(state.path)' --demo", "Enter"])
    var screen = await tmux.waitFor(timeout: 120) { $0.contains("support-desk") && $0.contains("synced") }
    #expect(screen.contains("support-desk"), "the console did not show the server's objects:\n\(screen)")
    // The header names the server's kubeconfig context; its own embedded world would say `embedded`.
    #expect(screen.contains("context aiconsole-embedded ·"), "it started a second embedded server:\n\(screen)")
    tmux.sendKeys("q")
    screen = await tmux.waitFor(timeout: 30) { $0.contains("__EXITED__") }
    #expect(screen.contains("is served by pid"), "no notice naming the server:\n\(screen)")
    #expect(screen.contains("attaching to it"))
    #expect(screen.contains("__EXITED__ rc=0"))
    let server = tmux.run(["capture-pane", "-p", "-t", "t:serve"]).output
    #expect(!server.contains("in use by"), "the server was refused:\n\(server)")
  }

  @Test("an API server that stops shows a banner with stale data; when it returns the data resumes")
  func serverRestart() async throws {
    let tmux = try Tmux(name: "console-restart")
    defer { tmux.kill() }
    let state = tmux.directory.appendingPathComponent("serve")
    let serve = "'\(Self.binary)' serve --state-dir '\(state.path)' --demo"
    let kubeconfig = state.appendingPathComponent("kubeconfig").path
    // The console waits for the kubeconfig the server writes, then runs against it.
    let console = Self.script("--kubeconfig '\(kubeconfig)'", home: tmux.directory)
    try tmux.start(script: "while [ ! -f '\(kubeconfig)' ]; do sleep 0.2; done\n" + console, width: 160, height: 45)
    tmux.run(["new-window", "-d", "-t", "t", "-n", "serve", "/bin/sh"])
    tmux.run(["send-keys", "-t", "t:serve", serve, "Enter"])
    var screen = await tmux.waitFor(timeout: 120) { $0.contains("support-desk") && $0.contains("synced") }
    guard screen.contains("support-desk") else {
      let server = tmux.run(["capture-pane", "-p", "-t", "t:serve"]).output
      Issue.record("console did not sync:\n\(screen)\nthe server's window:\n\(server)")
      return
    }

    // A kind the console has no code for (KServe's) appears with its printer columns, and goes
    // away cleanly with its CRD.
    let manifests = tmux.directory.appendingPathComponent("kserve.yaml")
    try Self.kserveManifests.write(to: manifests, atomically: true, encoding: .utf8)
    let kubectl = "kubectl --kubeconfig '\(kubeconfig)'"
    tmux.run(["new-window", "-d", "-t", "t", "-n", "kubectl", "/bin/sh"])
    // The second apply creates the object once the new kind is discovered, as with any CRD.
    let apply = "\(kubectl) apply -f '\(manifests.path)'"
    tmux.run(["send-keys", "-t", "t:kubectl", "\(apply); sleep 2; \(apply)", "Enter"])
    screen = await tmux.waitFor(timeout: 60) { $0.contains("sklearn-iris") }
    tmux.sendText(":isvc")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 30) {
      $0.contains("InferenceService (isvc)") && $0.contains("http://sklearn-iris.ml.example.com")
    }
    #expect(screen.contains("InferenceService (isvc)"), "the KServe kind is not listed:\n\(screen)")
    #expect(screen.contains("http://sklearn-iris.ml.example.com"), "no printer column:\n\(screen)")
    tmux.run([
      "send-keys", "-t", "t:kubectl", "\(kubectl) delete crd inferenceservices.serving.kserve.io", "Enter",
    ])
    screen = await tmux.waitFor(timeout: 60) { $0.contains("no longer served") }
    #expect(screen.contains("InferenceService is no longer served"), "the deleted kind lingers:\n\(screen)")
    #expect(!screen.contains("sklearn-iris"))

    tmux.run(["send-keys", "-t", "t:serve", "C-c"])
    screen = await tmux.waitFor(timeout: 60) { $0.contains("API server unreachable") }
    #expect(screen.contains("API server unreachable"), "no banner:\n\(screen)")
    #expect(screen.contains("support-desk"), "stale data was dropped:\n\(screen)")

    tmux.run(["send-keys", "-t", "t:serve", serve, "Enter"])
    screen = await tmux.waitFor(timeout: 120) { !$0.contains("API server unreachable") && $0.contains("synced") }
    #expect(!screen.contains("API server unreachable"), "data did not resume:\n\(screen)")
    #expect(screen.contains("support-desk"))
  }
}
