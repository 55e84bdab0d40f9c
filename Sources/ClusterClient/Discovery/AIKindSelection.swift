import KubeCore

/// Which resources count as "AI kinds": our group, anything in category `ai`, CRDs labelled
/// `aiconsole.dev/ai: "true"`, and the well-known AI projects' groups.
public struct AIKindSelection: Sendable, Hashable {
  /// Groups whose every resource is an AI kind.
  public var groups: Set<String>
  /// Categories whose every resource is an AI kind.
  public var categories: Set<String>
  /// The label that marks a CustomResourceDefinition as an AI kind.
  public static let crdLabel = "aiconsole.dev/ai"

  /// KServe, Envoy AI Gateway, the Gateway API inference extension, KubeRay and Kubeflow.
  public static let wellKnownGroups: Set<String> = [
    "ai.aiconsole.dev", "serving.kserve.io", "aigateway.envoyproxy.io", "inference.networking.k8s.io",
    "inference.networking.x-k8s.io", "ray.io", "kubeflow.org",
  ]

  public init(groups: Set<String> = wellKnownGroups, categories: Set<String> = ["ai"]) {
    self.groups = groups.union(["ai.aiconsole.dev"])
    self.categories = categories
  }

  /// The AI kinds of a catalog; `labelledCRDs` are the `plural.group` names of labelled CRDs.
  public func select(from catalog: APIResourceCatalog, labelledCRDs: Set<String> = []) -> [APIResource] {
    catalog.preferred.filter { resource in
      groups.contains(resource.group) || !categories.isDisjoint(with: resource.categories)
        || labelledCRDs.contains(resource.description)
    }
    .filter { $0.verbs.contains("list") && $0.verbs.contains("watch") }
  }
}
