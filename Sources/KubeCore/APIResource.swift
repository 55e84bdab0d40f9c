/// One resource an API server serves in one group version, as discovery describes it.
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
  public var group: String
  public var version: String
  /// The plural, lower-case name used in paths (`aiclusters`).
  public var name: String
  public var singularName: String
  public var kind: String
  public var namespaced: Bool
  public var verbs: [String]
  public var shortNames: [String]
  public var categories: [String]
  /// Subresources served under it (`status`, `scale`, `log`).
  public var subresources: [String]
  /// Whether this is the group's preferred version.
  public var preferred: Bool

  public init(
    group: String, version: String, name: String, singularName: String = "", kind: String, namespaced: Bool,
    verbs: [String] = ["get", "list", "watch", "create", "update", "patch", "delete"], shortNames: [String] = [],
    categories: [String] = [], subresources: [String] = [], preferred: Bool = true
  ) {
    self.group = group
    self.version = version
    self.name = name
    self.singularName = singularName.isEmpty ? kind.lowercased() : singularName
    self.kind = kind
    self.namespaced = namespaced
    self.verbs = verbs
    self.shortNames = shortNames
    self.categories = categories
    self.subresources = subresources
    self.preferred = preferred
  }

  public var groupVersion: GroupVersion { GroupVersion(group: group, version: version) }
  public var groupVersionResource: GroupVersionResource {
    GroupVersionResource(group: group, version: version, resource: name)
  }
  /// `aiclusters.ai.aiconsole.dev`, as kubectl names a resource.
  public var description: String { groupVersionResource.groupResource.description }

  /// The URL path of the collection (`namespace` nil: across all namespaces), an object or its subresource.
  public func path(namespace: String?, name object: String? = nil, subresource: String? = nil) -> String {
    var path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
    if namespaced, let namespace { path += "/namespaces/\(PathEscaping.segment(namespace))" }
    path += "/\(name)"
    if let object { path += "/\(PathEscaping.segment(object))" }
    if let subresource { path += "/\(subresource)" }
    return path
  }
}
