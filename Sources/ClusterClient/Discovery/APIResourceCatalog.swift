import KubeCore

/// Everything an API server serves, as discovery found it, with the lookups kubectl offers:
/// by plural, singular, short name, kind or `plural.group`, and by category.
public struct APIResourceCatalog: Sendable {
  /// Every resource of every group version (subresources folded into their parent).
  public let resources: [APIResource]
  /// Each group's versions, preferred first.
  public let groups: [String: [String]]

  public init(resources: [APIResource]) {
    self.resources = resources
    var groups: [String: [String]] = [:]
    for resource in resources where !(groups[resource.group]?.contains(resource.version) ?? false) {
      if resource.preferred {
        groups[resource.group, default: []].insert(resource.version, at: 0)
      } else {
        groups[resource.group, default: []].append(resource.version)
      }
    }
    self.groups = groups
  }

  /// The resources of each group's preferred version.
  public var preferred: [APIResource] { resources.filter(\.preferred) }

  /// The resource a user means by `name` (`aic`, `aicluster`, `aiclusters`, `AICluster`,
  /// `aiclusters.ai.aiconsole.dev`), preferring preferred versions and the core group.
  public func resource(named name: String) -> APIResource? {
    let lower = name.lowercased()
    let candidates = preferred + resources.filter { !$0.preferred }
    if let dot = lower.firstIndex(of: "."),
      let found = candidates.first(where: {
        $0.name == lower[..<dot] && $0.group == lower[lower.index(after: dot)...]
      })
    {
      return found
    }
    return candidates.first { $0.name == lower }
      ?? candidates.first { $0.singularName == lower }
      ?? candidates.first { $0.shortNames.contains(lower) }
      ?? candidates.first { $0.kind.lowercased() == lower }
  }

  /// The preferred resources in `category` (`ai`, `all`).
  public func resources(inCategory category: String) -> [APIResource] {
    preferred.filter { $0.categories.contains(category) }
  }

  /// The preferred resource of a group and kind.
  public func resource(group: String, kind: String) -> APIResource? {
    preferred.first { $0.group == group && $0.kind == kind }
  }
}
