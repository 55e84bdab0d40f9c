import AIResources
import Foundation
import KubeCore
import Testing

/// Checks the manifests by parsing them. `kubectl apply --dry-run=client` is no offline check: it
/// still reads discovery and OpenAPI from a server (kubectl 1.32 fails with "connection refused"
/// without one), and the embedded server serves no RBAC kinds to check them against.
@Suite("deploy/ manifests")
struct DeployManifestsTests {
  /// The header of each generated CRD file; YAML comments do not change the parsed value.
  static let generatedHeader =
    "# Generated from Sources/AIResources; regenerate with\n"
    + "# AICONSOLE_WRITE_DEPLOY_CRDS=1 swift test --filter DeployManifestsTests\n"

  /// Rewrites `deploy/crds/` from `AICustomResourceDefinitions` when asked to, so that the files
  /// are produced by the same code that checks them.
  static func writeCRDsIfAsked() throws {
    guard ProcessInfo.processInfo.environment["AICONSOLE_WRITE_DEPLOY_CRDS"] == "1" else { return }
    try FileManager.default.createDirectory(at: DeployManifests.crdDirectory, withIntermediateDirectories: true)
    for definition in AICustomResourceDefinitions.all {
      let text = generatedHeader + definition.yaml + (definition.yaml.hasSuffix("\n") ? "" : "\n")
      try text.write(
        to: DeployManifests.crdDirectory.appendingPathComponent("\(definition.crdName).yaml"), atomically: true,
        encoding: .utf8)
    }
  }

  @Test("deploy/crds holds one file per AI kind, each equal to the CRD AIResources generates")
  func crdsMatchTheGeneratedOnes() throws {
    try Self.writeCRDsIfAsked()
    let files = try DeployManifests.yamlFiles(under: DeployManifests.crdDirectory)
    let expected = AICustomResourceDefinitions.all.map { "\($0.crdName).yaml" }
    #expect(files.map(\.lastPathComponent).sorted() == expected.sorted())
    for definition in AICustomResourceDefinitions.all {
      let url = DeployManifests.crdDirectory.appendingPathComponent("\(definition.crdName).yaml")
      let onDisk = try JSONValue.parseYAMLDocuments(String(contentsOf: url, encoding: .utf8))
      #expect(onDisk == [try JSONValue.parseYAML(definition.yaml)], "\(url.lastPathComponent) differs from AIResources")
    }
  }

  @Test("every manifest parses and names its apiVersion, kind and metadata.name")
  func everyManifestIsAnObject() throws {
    let documents = try DeployManifests.documents()
    #expect(documents.count >= 12)
    for (file, object) in documents {
      for field in [["apiVersion"], ["kind"], ["metadata", "name"]] {
        let value = object[path: field]?.stringValue ?? ""
        #expect(!value.isEmpty, "\(file): \(field.joined(separator: ".")) is missing")
      }
    }
  }

  @Test("the controller's namespaced objects live in aiconsole-system, which deploy/ creates")
  func namespaces() throws {
    let namespaced = ["ServiceAccount", "Deployment", "Service"]
    let namespace = try #require(try DeployManifests.object(kind: "Namespace"))
    #expect(namespace[path: ["metadata", "name"]] == "aiconsole-system")
    for kind in namespaced {
      let object = try #require(try DeployManifests.object(kind: kind), "no \(kind) in deploy/")
      #expect(object[path: ["metadata", "namespace"]] == "aiconsole-system", "\(kind)")
    }
  }

  @Test("the binding grants the ClusterRole to the service account the Deployment runs as")
  func bindingConnectsRoleAndAccount() throws {
    let binding = try #require(try DeployManifests.object(kind: "ClusterRoleBinding"))
    let role = try #require(try DeployManifests.object(kind: "ClusterRole"))
    let account = try #require(try DeployManifests.object(kind: "ServiceAccount"))
    let deployment = try #require(try DeployManifests.object(kind: "Deployment"))
    #expect(binding[path: ["roleRef", "name"]] == role[path: ["metadata", "name"]])
    #expect(binding[path: ["roleRef", "kind"]] == "ClusterRole")
    let subject = try #require(binding["subjects"]?.arrayValue?.first)
    #expect(subject["kind"] == "ServiceAccount" && subject["name"] == account[path: ["metadata", "name"]])
    #expect(subject["namespace"] == account[path: ["metadata", "namespace"]])
    #expect(
      deployment[path: ["spec", "template", "spec", "serviceAccountName"]] == account[path: ["metadata", "name"]])
  }

  @Test("the Deployment's selector and the metrics Service's select the controller's pods")
  func selectorsMatchThePods() throws {
    let deployment = try #require(try DeployManifests.object(kind: "Deployment"))
    let service = try #require(try DeployManifests.object(kind: "Service"))
    let labels = Self.labels(deployment[path: ["spec", "template", "metadata", "labels"]])
    let selector = try LabelSelector(object: deployment[path: ["spec", "selector"]] ?? .emptyObject)
    #expect(!selector.requirements.isEmpty && selector.matches(labels))
    let serviceSelector = Self.labels(service[path: ["spec", "selector"]])
    #expect(!serviceSelector.isEmpty && serviceSelector.allSatisfy { labels[$0.key] == $0.value })
    let port = try #require(service[path: ["spec", "ports"]]?.arrayValue?.first)
    let container = try #require(deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first)
    let containerPorts = container["ports"]?.arrayValue ?? []
    #expect(containerPorts.contains { $0["name"] == port["targetPort"] && $0["containerPort"] == port["port"] })
  }

  @Test("the ClusterRole grants exactly the verbs the controller uses")
  func clusterRoleRules() throws {
    let role = try #require(try DeployManifests.object(kind: "ClusterRole"))
    let granted = Self.granted(role)
    #expect(granted == ControllerPermissions.expected)
    #expect(!granted.values.contains { $0.contains("*") })
  }

  @Test("simulated-fleet/ grants what --runtime simulated adds (pods/binding, pods/status, nodes) to the same account")
  func simulatedFleetRules() throws {
    let documents = try DeployManifests.documents().filter { $0.file == "clusterrole.yaml" }.map(\.object)
    let role = try #require(documents.first { $0["kind"] == "ClusterRole" })
    #expect(Self.granted(role) == ControllerPermissions.simulatedFleet)
    let binding = try #require(documents.first { $0["kind"] == "ClusterRoleBinding" })
    #expect(binding[path: ["roleRef", "name"]] == role[path: ["metadata", "name"]])
    #expect(binding[path: ["subjects"]]?.arrayValue?.first?["name"] == "aiconsole-controller")
  }

  private static func granted(_ role: JSONValue) -> [String: Set<String>] {
    var granted: [String: Set<String>] = [:]
    for rule in role["rules"]?.arrayValue ?? [] {
      let verbs = Set((rule["verbs"]?.arrayValue ?? []).compactMap(\.stringValue))
      for group in rule["apiGroups"]?.arrayValue ?? [] {
        for resource in rule["resources"]?.arrayValue ?? [] {
          granted["\(group.stringValue ?? "")/\(resource.stringValue ?? "")", default: []].formUnion(verbs)
        }
      }
    }
    return granted
  }

  private static func labels(_ value: JSONValue?) -> [String: String] {
    var labels: [String: String] = [:]
    for (key, value) in value?.objectValue ?? [:] { labels[key] = value.stringValue }
    return labels
  }
}
