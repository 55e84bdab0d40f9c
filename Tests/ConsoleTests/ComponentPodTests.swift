import ClusterClient
import ClusterTestSupport
import KubeCore
import Testing

@testable import ConsoleApp

/// A component's Pod in `aiconsole-system` counts the restarts of its process, as a kubelet
/// counts a container's: `aiconsole serve` started again on the same state directory is a restart.
@Suite struct ComponentPodTests {
  @Test("a second process on the same state counts as a restart of the component's container")
  func restartsAreCounted() async throws {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
    _ = try? await client.create(
      CoreResources.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "aiconsole-system"]])
    var seen: [JSONValue] = []
    for _ in 0..<3 {
      let pod = ComponentPod(client: client, name: "aiconsole-controller", component: "controller")
      pod.finish()
      await pod.run()
      seen.append(try await client.get(CoreResources.pods, name: "aiconsole-controller", namespace: "aiconsole-system"))
    }
    let restarts = seen.map { $0[path: ["status", "containerStatuses"]]?.arrayValue?.first?["restartCount"] }
    #expect(restarts == [0, 1, 2])
    #expect(seen.allSatisfy { $0[path: ["status", "phase"]] == "Running" })
    // The Pod started once; each container start is its own.
    #expect(Set(seen.map { $0[path: ["status", "startTime"]] }).count == 1)
    try await client.shutdown()
    await server.stop()
  }

  @Test("a Pod status without the component's container starts its count at zero")
  func anotherContainersCountIsNotTaken() {
    let previous: JSONValue = ["containerStatuses": [["name": "gateway", "restartCount": 4]]]
    let status = ComponentPod.status(component: "controller", previous: previous, now: .init())
    #expect(status[path: ["containerStatuses"]]?.arrayValue?.first?["restartCount"] == 0)
  }
}
