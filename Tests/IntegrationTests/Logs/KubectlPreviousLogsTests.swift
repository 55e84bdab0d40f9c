import ClusterClient
import Foundation
import KubeCore
import Testing

/// The real `kubectl logs` (and `-p`) against the real `aiconsole serve`: a container's current
/// run, the run before its restart, and the kubelet's refusal when there is none.
@Suite("kubectl logs -p against aiconsole serve", .timeLimit(.minutes(2)))
struct KubectlPreviousLogsTests {
  static let pods = APIResource(group: "", version: "v1", name: "pods", kind: "Pod", namespaced: true)

  /// Writes the container's status as a kubelet would after `restarts` restarts (each a crash).
  static func setRestarts(_ restarts: Int64, _ client: KubeClient) async throws {
    var container: JSONValue = [
      "name": "model", "ready": true, "restartCount": .int(restarts), "state": ["running": .emptyObject],
    ]
    if restarts > 0 { container["lastState"] = ["terminated": ["exitCode": 137, "reason": "OOMKilled"]] }
    let patch: JSONValue = ["status": ["phase": "Running", "containerStatuses": [container]]]
    _ = try await client.patch(pods, name: "llama-0", namespace: "default", .merge(patch), subresource: "status")
  }

  @Test("kubectl logs shows the current run; -p the run before the restart, or the kubelet's error")
  func previous() async throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(
      stateDirectory: ServeProcess.temporaryDirectory("kubectl-logs-p"), arguments: ["--no-controller", "--no-gateway"])
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    let created = try kubectl.run(
      "run", "llama-0", "--image=vllm:1", "--restart=Always", "--overrides",
      #"{"spec":{"containers":[{"name":"model","image":"vllm:1"}],"nodeName":"gpu-node-1"}}"#)
    #expect(created.status == 0, "\(created.stderr)")
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfig))
    do {
      try await Self.setRestarts(0, client)
      try await client.appendPodLog(namespace: "default", pod: "llama-0", lines: ["loading", "CUDA out of memory"])
      let none = try kubectl.run("logs", "-p", "llama-0")
      #expect(none.status != 0)
      #expect(
        none.stderr.contains(#"previous terminated container "model" in pod "llama-0" not found"#), "\(none.stderr)")
      try await Self.setRestarts(1, client)
      try await client.appendPodLog(namespace: "default", pod: "llama-0", lines: ["loading again"])
      try await client.shutdown()
    } catch {
      try? await client.shutdown()
      throw error
    }
    let current = try kubectl.run("logs", "llama-0")
    #expect(current.status == 0, "\(current.stderr)")
    #expect(current.stdout == "loading again\n")
    let previous = try kubectl.run("logs", "--previous", "llama-0", "-c", "model")
    #expect(previous.status == 0, "\(previous.stderr)")
    #expect(previous.stdout == "loading\nCUDA out of memory\n")
    let tail = try kubectl.run("logs", "-p", "llama-0", "--tail=1", "--timestamps")
    #expect(tail.stdout.hasSuffix(" CUDA out of memory\n"), "\(tail.stdout)")
  }
}
