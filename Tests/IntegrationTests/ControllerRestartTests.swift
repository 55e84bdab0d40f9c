import Foundation
import Testing

/// The controller through faults: killed (SIGKILL, no lease released) in the middle of a rollout
/// and of a delete, the next one finishes both from what the cluster says; through an API server
/// restart long enough to lose its lease, it campaigns again and no reconcile is lost.
@Suite("controller through kills and API server restarts") struct ControllerRestartTests {
  typealias ControllerProcess = ControllerProcessTests.ControllerProcess

  static let objects = """
    apiVersion: ai.aiconsole.dev/v1
    kind: ModelDeployment
    metadata: {name: chat-v1}
    spec: {modelName: chat, modelVersion: "1", artifactURI: "hf://demo/chat@v1", runtime: vllm, resources: {gpu: 1},
      simulation: {startupSeconds: 2}}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: ModelDeployment
    metadata: {name: chat-v2}
    spec: {modelName: chat, modelVersion: "2", artifactURI: "hf://demo/chat@v2", runtime: vllm, resources: {gpu: 1},
      simulation: {startupSeconds: 2}}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: AICluster
    metadata: {name: rolling}
    spec: {modelName: chat, modelVersion: "1", replicas: 3, resourceRequests: {gpu: 1}}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: AICluster
    metadata: {name: leaving}
    spec: {modelName: chat, modelVersion: "1", replicas: 2, resourceRequests: {gpu: 1}}

    """

  /// Polls `kubectl arguments` until its output satisfies `done`, for up to `timeout` seconds.
  static func eventually(
    _ kubectl: Kubectl, _ arguments: [String], timeout: Double = 90, _ done: (String) -> Bool
  ) async throws -> String {
    let deadline = ContinuousClock.now + .seconds(timeout)
    var last = ""
    while ContinuousClock.now < deadline {
      last = try kubectl.run(arguments).stdout
      if done(last) { return last }
      try await Task.sleep(for: .milliseconds(250))
    }
    return last
  }

  static let versions = [
    "get", "pods", "-l", "ai.aiconsole.dev/cluster=rolling", "-o",
    "jsonpath={range .items[*]}{.metadata.labels.ai\\.aiconsole\\.dev/revision}={.status.phase} {end}",
  ]

  @Test func theNextControllerFinishesARolloutAndADeleteItsPredecessorLeftHalfDone() async throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(
      stateDirectory: ServeProcess.temporaryDirectory("controller-restart"), arguments: ["--no-controller"])
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    let first = try ControllerProcess(kubeconfig: server.kubeconfig)
    defer { first.kill() }
    #expect(try kubectl.run("apply", "-f", "-", stdin: Self.objects).status == 0)
    let ready = [
      "get", "aicluster", "-o", "jsonpath={range .items[*]}{.metadata.name}={.status.activeInstances} {end}",
    ]
    let settled = try await Self.eventually(kubectl, ready) { $0.contains("rolling=3") && $0.contains("leaving=2") }
    #expect(settled.contains("rolling=3") && settled.contains("leaving=2"), "never served: \(settled)")

    // Both edits land; the controller starts on them and dies mid-way.
    #expect(
      try kubectl.run("patch", "aicluster", "rolling", "--type=merge", "-p", #"{"spec":{"modelVersion":"2"}}"#).status
        == 0)
    #expect(try kubectl.run("delete", "aicluster", "leaving", "--wait=false").status == 0)
    let progressing = try await Self.eventually(
      kubectl,
      ["get", "aicluster", "rolling", "-o", "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}"]
    ) { $0 == "RollingUpdate" }
    #expect(progressing == "RollingUpdate", "the rollout never started")
    first.kill()
    let halfDone = try kubectl.run(Self.versions).stdout
    let second = try ControllerProcess(kubeconfig: server.kubeconfig)
    defer { second.kill() }

    let finished = try await Self.eventually(kubectl, ["get", "aicluster", "-o", "name"]) {
      !$0.contains("leaving")
    }
    #expect(!finished.contains("leaving"), "the delete was never finished")
    let leftovers = try await Self.eventually(
      kubectl, ["get", "pods", "-l", "ai.aiconsole.dev/cluster=leaving", "-o", "name"]
    ) {
      $0.isEmpty
    }
    #expect(leftovers.isEmpty, "the deleted pool's pods stayed: \(leftovers)")
    let current = try await Self.eventually(
      kubectl,
      [
        "get", "aicluster", "rolling", "-o",
        "jsonpath={.status.activeInstances}/{.status.conditions[?(@.type==\"Progressing\")].status}/{.spec.modelVersion}/{.status.currentRevision}",
      ]
    ) { $0.hasPrefix("3/False/2/") }
    #expect(current.hasPrefix("3/False/2/"), "the rollout never finished: \(current); half-way it was \(halfDone)")
    let revision = String(current.split(separator: "/").last ?? "")
    let pods = try kubectl.run(Self.versions).stdout.split(separator: " ")
    #expect(
      pods.count == 3
        && pods.allSatisfy {
          revision.hasSuffix(String($0.split(separator: "=").first ?? "")) && $0.hasSuffix("=Running")
        }, "pods after the rollout: \(pods), revision \(revision)")
  }

  static func schemas(_ range: Range<Int>, description: String = "v1") -> String {
    range.map { index in
      """
      apiVersion: ai.aiconsole.dev/v1
      kind: ModelContextSchema
      metadata: {name: schema-\(index)}
      spec: {description: \(description), contextFields: [{name: ticket, type: string}]}

      """
    }.joined(separator: "---\n")
  }

  @Test func theControllerRidesOutAnAPIServerRestartAndReconcilesEverything() async throws {
    guard Kubectl.isInstalled() else { return }
    let directory = ServeProcess.temporaryDirectory("apiserver-restart")
    let first = ServeProcess(stateDirectory: directory, arguments: ["--no-controller", "--no-gateway"])
    try first.start()
    let kubectl = Kubectl(kubeconfig: first.kubeconfig)
    let controller = try ControllerProcess(kubeconfig: first.kubeconfig)
    defer { controller.kill() }
    #expect(try kubectl.run("apply", "-f", "-", stdin: Self.schemas(0..<10)).status == 0)
    let inSync = [
      "get", "mcs", "-o",
      "jsonpath={range .items[*]}{.metadata.name}={.metadata.generation}/{.status.observedGeneration}/{.status.ready} {end}",
    ]
    func allInSync(_ count: Int) -> (String) -> Bool {
      { text in
        let entries = text.split(separator: " ")
        return entries.count == count
          && entries.allSatisfy { entry in
            let parts = entry.split(separator: "=").last?.split(separator: "/") ?? []
            return parts.count == 3 && parts[0] == parts[1] && parts[2] == "true"
          }
      }
    }
    var state = try await Self.eventually(kubectl, inSync, allInSync(10))
    #expect(allInSync(10)(state), "not reconciled before the restart: \(state)")

    first.stop()
    try await Task.sleep(for: .seconds(2))
    let second = ServeProcess(stateDirectory: directory, arguments: ["--no-controller", "--no-gateway"])
    try second.start()
    defer { second.stop() }
    // Edits of old objects and new objects, made once the server is back.
    #expect(try kubectl.run("apply", "-f", "-", stdin: Self.schemas(0..<5, description: "v2")).status == 0)
    #expect(try kubectl.run("apply", "-f", "-", stdin: Self.schemas(10..<20)).status == 0)
    state = try await Self.eventually(kubectl, inSync, timeout: 120, allInSync(20))
    #expect(allInSync(20)(state), "a reconcile was lost across the restart: \(state)")
    #expect(state.contains("schema-0=2/2/true"))
  }
}
