import Foundation
import Testing

/// `kubectl create -f` of a `kind: List`, as `kubectl get -o yaml` writes several objects:
/// kubectl validates a List's items against `/openapi/v2` (gnostic protobuf), not v3.
@Suite("kubectl with List documents", .serialized) struct KubectlListTests {
  static let configMaps = """
    apiVersion: v1
    kind: List
    items:
    - {apiVersion: v1, kind: ConfigMap, metadata: {name: first, namespace: default}, data: {k: v}}
    - {apiVersion: v1, kind: ConfigMap, metadata: {name: second, namespace: default}, data: {k: v}}
    """

  static let badCluster = """
    apiVersion: v1
    kind: List
    items:
    - apiVersion: ai.aiconsole.dev/v1
      kind: AICluster
      metadata: {name: typo, namespace: default}
      spec: {replicas: 1, modelName: m, modelVersion: "1", image: "vllm/vllm-openai:v0.6", replica: 2}
    """

  @Test("a List is created item by item, exported again and recreated; an unknown field in an item is refused by name")
  func listsRoundTrip() throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory("kubectl-list"))
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)

    let created = try kubectl.run("create", "-f", "-", stdin: Self.configMaps)
    #expect(created.status == 0, "\(created.stderr)")
    #expect(created.stdout.contains("configmap/first created") && created.stdout.contains("configmap/second created"))
    let exported = try kubectl.run("get", "configmap", "first", "second", "-n", "default", "-o", "yaml")
    #expect(exported.stdout.hasPrefix("apiVersion: v1\nitems:"), "\(exported.stdout)")
    _ = try kubectl.run("delete", "configmap", "first", "second", "-n", "default")
    let recreated = try kubectl.run("create", "-f", "-", stdin: exported.stdout)
    #expect(recreated.status == 0, "\(recreated.stderr)")
    #expect(recreated.stdout.contains("configmap/first created"))

    let refused = try kubectl.run("create", "-f", "-", stdin: Self.badCluster)
    #expect(refused.status != 0)
    #expect(
      refused.stderr.contains(
        #"error validating data: ValidationError(AICluster.spec): unknown field "replica" in dev.aiconsole.ai.v1.AICluster.spec"#
      ), "\(refused.stderr)")
    let absent = try kubectl.run("get", "aicluster", "typo", "-n", "default")
    #expect(absent.status != 0, "a refused item was created")
  }
}
