import Foundation
import KubeCore
import Testing

/// The real `kubectl apply --server-side` by two managers against `aiconsole serve`: the second
/// is refused on the field the first owns, `--force-conflicts` takes it over, and
/// `--show-managed-fields` shows who owns what.
@Suite("kubectl server-side apply against aiconsole serve", .serialized)
struct KubectlServerSideApplyTests {
  static func manifest(replicas: Int, image: String? = nil) -> String {
    """
    apiVersion: ai.aiconsole.dev/v1
    kind: AICluster
    metadata:
      name: shared
      namespace: default
    spec:
      modelName: llama-3-8b
    \(image.map { "  image: \($0)\n" } ?? "")  replicas: \(replicas)
    """
  }

  @Test("a second manager's apply conflicts on the first one's field until it forces; managed fields say who owns what")
  func twoManagers() throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory("kubectl-ssa"))
    try server.start()
    defer { server.stop() }
    let kubectl = Kubectl(kubeconfig: server.kubeconfig)
    let first = try kubectl.run(
      ["apply", "--server-side", "--field-manager=alice", "-f", "-"], stdin: Self.manifest(replicas: 2, image: "vllm:1")
    )
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("aicluster.ai.aiconsole.dev/shared serverside-applied"), "\(first.stdout)")
    let refused = try kubectl.run(
      ["apply", "--server-side", "--field-manager=bob", "-f", "-"], stdin: Self.manifest(replicas: 3))
    #expect(refused.status != 0)
    #expect(
      refused.stderr.contains("Apply failed with 1 conflict: conflict with \"alice\": .spec.replicas"),
      "\(refused.stderr)")
    let unchanged = try kubectl.run("get", "aic", "shared", "-o", "jsonpath={.spec.replicas}")
    #expect(unchanged.stdout == "2")
    let forced = try kubectl.run(
      ["apply", "--server-side", "--field-manager=bob", "--force-conflicts", "-f", "-"],
      stdin: Self.manifest(replicas: 3))
    #expect(forced.status == 0, "\(forced.stderr)")
    let shown = try kubectl.run("get", "aic", "shared", "-o", "json", "--show-managed-fields")
    let object = try JSONParser.parse(Array(shown.stdout.utf8))
    let entries = object[path: ["metadata", "managedFields"]]?.arrayValue ?? []
    // The controller's own writes (status, as `aiconsole`) are entries too; the appliers are ours.
    let appliers = entries.filter { $0["operation"] == "Apply" }
    let owners = Dictionary(
      uniqueKeysWithValues: appliers.compactMap { entry -> (String, JSONValue)? in
        entry["manager"]?.stringValue.map { ($0, entry["fieldsV1"] ?? .null) }
      })
    // Both set modelName to the same value, so both own it; replicas moved to bob.
    #expect(owners["bob"] == ["f:spec": ["f:modelName": .emptyObject, "f:replicas": .emptyObject]], "\(shown.stdout)")
    #expect(owners["alice"] == ["f:spec": ["f:image": .emptyObject, "f:modelName": .emptyObject]], "\(shown.stdout)")
    #expect(object[path: ["spec", "replicas"]] == 3)
    let hidden = try kubectl.run("get", "aic", "shared", "-o", "yaml")
    #expect(!hidden.stdout.contains("managedFields"), "kubectl hides managedFields unless asked")
    // alice applies again without image: she owned it alone, so it goes; modelName bob owns too.
    let dropped = try kubectl.run(
      ["apply", "--server-side", "--field-manager=alice", "-f", "-"],
      stdin: Self.manifest(replicas: 3).replacingOccurrences(of: "  modelName: llama-3-8b\n", with: ""))
    #expect(dropped.status == 0, "\(dropped.stderr)")
    let after = try kubectl.run("get", "aic", "shared", "-o", "jsonpath={.spec.image}/{.spec.modelName}")
    #expect(after.stdout == "/llama-3-8b", "\(after.stdout)")
  }
}
