import KubeCore

/// One AI kind's CRD: its names and its manifest.
public struct AIKindDefinition: Sendable, Hashable {
  /// The kind, e.g. `AICluster`.
  public var kind: String
  /// The plural resource name, e.g. `aiclusters`.
  public var plural: String
  /// The short names, e.g. `aic`.
  public var shortNames: [String]
  /// The CustomResourceDefinition as YAML.
  public var yaml: String
  /// Whether the CRD serves the scale subresource.
  public var scalable: Bool

  /// A kind's definition; `scalable` must agree with the manifest (a test checks it does).
  init(kind: String, plural: String, shortNames: [String], yaml: String, scalable: Bool = false) {
    self.kind = kind
    self.plural = plural
    self.shortNames = shortNames
    self.yaml = yaml
    self.scalable = scalable
  }

  /// The resource as discovery serves it, for every module that reads or writes the kind.
  public var resource: APIResource {
    APIResource(
      group: AIKinds.group, version: AIKinds.version, name: plural, kind: kind, namespaced: true,
      shortNames: shortNames, categories: ["ai"], subresources: scalable ? ["scale", "status"] : ["status"])
  }

  /// The CRD's name, `<plural>.ai.aiconsole.dev`.
  public var crdName: String { "\(plural).\(AIKinds.group)" }
  /// The REST path of the kind's collection in `namespace`.
  public func collectionPath(namespace: String) -> String {
    "/apis/\(AIKinds.apiVersion)/namespaces/\(namespace)/\(plural)"
  }
}

/// The CRDs of the six AI kinds: what the embedded server installs on first start and what
/// `aiconsole crds` prints for `kubectl apply -f -` on a real cluster.
public enum AICustomResourceDefinitions {
  /// Every AI kind, in dependency order (what a kind references comes first).
  public static let all: [AIKindDefinition] = [
    AIClusterCRD.definition, ModelDeploymentCRD.definition, InferenceServiceCRD.definition,
    ModelContextSchemaCRD.definition, AIModelRouteCRD.definition, AIApplicationCRD.definition,
  ]

  /// The definition of `kind`, a plural or a short name (as `kubectl get` accepts them), if it is an AI kind.
  public static func definition(named name: String) -> AIKindDefinition? {
    let lowered = name.lowercased()
    return all.first { $0.kind.lowercased() == lowered || $0.plural == lowered || $0.shortNames.contains(lowered) }
  }

  /// All CRDs as one `---`-separated YAML stream, ready for `kubectl apply -f -`.
  public static var yamlStream: String {
    all.map { $0.yaml.hasSuffix("\n") ? $0.yaml : $0.yaml + "\n" }.joined(separator: "---\n")
  }

  /// All CRDs as objects.
  public static var objects: [JSONValue] {
    // The manifests are literals in this module and covered by tests, so a parse failure is a build defect.
    all.map { (try? JSONValue.parseYAML($0.yaml)) ?? .null }
  }
}
