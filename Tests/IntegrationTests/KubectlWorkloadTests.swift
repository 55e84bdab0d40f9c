import Foundation
import Testing

/// The controller's checks driven only by kubectl, as an operator would: every action is an
/// ordinary edit of a custom resource, which the controller inside `aiconsole serve` (or a
/// standalone `aiconsole controller`) reconciles.
@Suite("AI workloads through kubectl", .serialized) struct KubectlWorkloadTests {
  typealias ControllerProcess = ControllerProcessTests.ControllerProcess

  static let models = """
    apiVersion: ai.aiconsole.dev/v1
    kind: ModelDeployment
    metadata: {name: llama-v1}
    spec: {modelName: llama, modelVersion: "1", artifactURI: "hf://meta/llama", simulation: {startupSeconds: 1}}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: ModelDeployment
    metadata: {name: llama-v2}
    spec: {modelName: llama, modelVersion: "2", artifactURI: "hf://meta/llama", simulation: {startupSeconds: 2}}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: ModelDeployment
    metadata: {name: llama-broken}
    spec:
      modelName: llama
      modelVersion: "3-rc1"
      artifactURI: "hf://meta/llama"
      simulation: {startupSeconds: 0, failureMode: crashloop}

    """

  static func cluster(_ name: String, replicas: Int, gpus: Int = 1) -> String {
    """
    apiVersion: ai.aiconsole.dev/v1
    kind: AICluster
    metadata: {name: \(name)}
    spec: {modelName: llama, modelVersion: "1", replicas: \(replicas), resourceRequests: {gpu: \(gpus)}}

    """
  }

  /// Polls `kubectl get … -o jsonpath=…` until it prints `expected`.
  func waitFor(
    _ kubectl: Kubectl, _ arguments: [String], equals expected: String, timeout: TimeInterval = 120
  ) throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    var last = ""
    while Date() < deadline {
      last = try kubectl.run(arguments).stdout
      if last == expected { return true }
      Thread.sleep(forTimeInterval: 0.25)
    }
    Issue.record(
      "kubectl \(arguments.joined(separator: " ")) printed \(last.debugDescription), not \(expected.debugDescription)")
    return false
  }

  func serving(_ kubectl: Kubectl, _ name: String, _ count: Int) throws -> Bool {
    try waitFor(
      kubectl,
      [
        "get", "aic", name, "-o",
        #"jsonpath={.status.activeInstances}/{.status.conditions[?(@.type=="Progressing")].reason}"#,
      ], equals: "\(count)/RolloutComplete")
  }

  func jsonpath(_ kubectl: Kubectl, _ object: String, _ path: String, namespace: String = "default") throws -> String {
    try kubectl.run("get", object, "-n", namespace, "-o", "jsonpath=\(path)").stdout
  }

  @Test func scaleRollOutRollBackDegradeAndDeleteWithKubectl() throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(
      stateDirectory: ServeProcess.temporaryDirectory("kubectl-workloads"), arguments: ["--simulated-nodes", "2"])
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    #expect(try kubectl.run("apply", "-f", "-", stdin: Self.models).status == 0)
    #expect(try kubectl.run("apply", "-f", "-", stdin: Self.cluster("chat", replicas: 3)).status == 0)
    #expect(try serving(kubectl, "chat", 3))
    let table = try kubectl.run("get", "aic", "chat", "-o", "wide").stdout
    #expect(table.contains("chat") && table.contains("http://chat.default.svc.cluster.local:8000"))

    #expect(try kubectl.run("scale", "aic", "chat", "--replicas=5").status == 0)
    #expect(try serving(kubectl, "chat", 5))
    #expect(try kubectl.run("scale", "aic", "chat", "--replicas=0").status == 0)
    #expect(try serving(kubectl, "chat", 0))
    #expect(try kubectl.run("get", "pods", "-l", "ai.aiconsole.dev/cluster=chat", "-o", "name").stdout == "")
    #expect(try kubectl.run("scale", "aic", "chat", "--replicas=3").status == 0)
    #expect(try serving(kubectl, "chat", 3))
    let first = try jsonpath(kubectl, "aic/chat", "{.status.currentRevision}")

    // A version change, with a change ID the reconcile carries into status and Events.
    #expect(
      try kubectl.run(
        "patch", "aic", "chat", "--type=merge", "-p",
        #"{"metadata":{"annotations":{"ai.aiconsole.dev/change-id":"chg-v2"}},"spec":{"modelVersion":"2"}}"#
      ).status == 0)
    #expect(
      try waitFor(
        kubectl, ["get", "aic", "chat", "-o", "jsonpath={.status.reconcile.lastChange.changeID}"], equals: "chg-v2"))
    #expect(try serving(kubectl, "chat", 3))
    let second = try jsonpath(kubectl, "aic/chat", "{.status.currentRevision}")
    #expect(second != first)
    #expect(try jsonpath(kubectl, "controllerrevision/\(second)", "{.revision}") == "2")
    let events = try kubectl.run("get", "events", "--field-selector", "involvedObject.name=chat", "-o", "json").stdout
    #expect(events.contains("chg-v2") && events.contains("RollingUpdate"))
    // The controller's JSON log, read as a pod log, ties the edit's reconciles to its change ID.
    let controllerLog = try kubectl.run("logs", "-n", "aiconsole-system", "aiconsole-controller").stdout
    let traced = controllerLog.split(separator: "\n").filter { $0.contains(#""correlation_id":"chg-v2""#) }
    #expect(traced.contains { $0.contains(#""msg":"scaling revision""#) && $0.contains(#""reconcileID":"#) })
    // Each instance writes its own JSON log.
    let instance =
      try kubectl.run("get", "pods", "-l", "ai.aiconsole.dev/cluster=chat", "-o", "name").stdout
      .split(separator: "\n").first.map(String.init) ?? ""
    #expect(try kubectl.run("logs", instance).stdout.contains(#""msg":"model server ready""#))

    // Roll back by putting revision 1's template back.
    let oldVersion = try jsonpath(kubectl, "controllerrevision/\(first)", "{.data.modelVersion}")
    #expect(
      try kubectl.run("patch", "aic", "chat", "--type=merge", "-p", #"{"spec":{"modelVersion":"\#(oldVersion)"}}"#)
        .status == 0)
    #expect(try waitFor(kubectl, ["get", "aic", "chat", "-o", "jsonpath={.status.currentRevision}"], equals: first))
    #expect(try serving(kubectl, "chat", 3))
    #expect(try jsonpath(kubectl, "controllerrevision/\(first)", "{.revision}") == "3")

    // A crash-looping version: Degraded with the reason, while the old instances keep serving.
    #expect(
      try kubectl.run("patch", "aic", "chat", "--type=merge", "-p", #"{"spec":{"modelVersion":"3-rc1"}}"#).status == 0)
    #expect(
      try waitFor(
        kubectl, ["get", "aic", "chat", "-o", #"jsonpath={.status.conditions[?(@.type=="Degraded")].reason}"#],
        equals: "CrashLoop"))
    #expect(try jsonpath(kubectl, "aic/chat", "{.status.activeInstances}") == "3")
    let describe = try kubectl.run("get", "aic", "chat", "-o", "yaml").stdout
    #expect(describe.contains("crash-looping"))

    // More GPUs than two nodes have.
    #expect(try kubectl.run("apply", "-f", "-", stdin: Self.cluster("big", replicas: 3, gpus: 8)).status == 0)
    #expect(
      try waitFor(
        kubectl, ["get", "aic", "big", "-o", #"jsonpath={.status.conditions[?(@.type=="Degraded")].reason}"#],
        equals: "Unschedulable"))

    // Deleting collects what the AICluster owned.
    #expect(try kubectl.run("delete", "aic", "chat").status == 0)
    #expect(
      try waitFor(
        kubectl, ["get", "pods,controllerrevisions,services", "-l", "ai.aiconsole.dev/cluster=chat", "-o", "name"],
        equals: ""))
  }

  @Test func aControllerKilledMidRolloutIsSucceededByOneThatFinishesIt() throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(
      stateDirectory: ServeProcess.temporaryDirectory("kubectl-failover"), arguments: ["--no-controller"])
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    let first = try ControllerProcess(kubeconfig: server.kubeconfig)
    defer { first.kill() }
    let second = try ControllerProcess(kubeconfig: server.kubeconfig)
    defer { second.kill() }
    #expect(try kubectl.run("apply", "-f", "-", stdin: Self.models).status == 0)
    #expect(try kubectl.run("apply", "-f", "-", stdin: Self.cluster("chat", replicas: 3)).status == 0)
    #expect(try serving(kubectl, "chat", 3))
    let holder = try jsonpath(
      kubectl, "lease/aiconsole-controller", "{.spec.holderIdentity}", namespace: "aiconsole-system")
    let leader = holder.hasSuffix("-\(first.process.processIdentifier)") ? first : second
    let follower = leader === first ? second : first
    // Only the leader acted: every pod-creating Event names it.
    let reporters = try kubectl.run("get", "events", "-o", "jsonpath={.items[*].reportingInstance}").stdout
    #expect(Set(reporters.split(separator: " ").map(String.init)) == [holder])

    #expect(
      try kubectl.run("patch", "aic", "chat", "--type=merge", "-p", #"{"spec":{"modelVersion":"2"}}"#).status == 0)
    #expect(
      try waitFor(
        kubectl, ["get", "aic", "chat", "-o", #"jsonpath={.status.conditions[?(@.type=="Progressing")].reason}"#],
        equals: "RollingUpdate", timeout: 60))
    leader.kill()
    #expect(
      try jsonpath(kubectl, "aic/chat", #"{.status.conditions[?(@.type=="Progressing")].reason}"#) == "RollingUpdate")
    #expect(try serving(kubectl, "chat", 3))
    let taken = try jsonpath(
      kubectl, "lease/aiconsole-controller", "{.spec.holderIdentity}", namespace: "aiconsole-system")
    #expect(taken.hasSuffix("-\(follower.process.processIdentifier)"))
    let pods = try kubectl.run(
      "get", "pods", "-l", "ai.aiconsole.dev/cluster=chat", "-o",
      "jsonpath={.items[*].metadata.labels.ai\\.aiconsole\\.dev/revision}"
    ).stdout
    let current = try jsonpath(kubectl, "aic/chat", "{.status.currentRevision}")
    #expect(Set(pods.split(separator: " ").map { "chat-\($0)" }) == [current])
  }
}
