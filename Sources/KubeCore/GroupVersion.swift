/// An API group and version, e.g. `ai.aiconsole.dev/v1`, or `v1` for the core group.
public struct GroupVersion: Sendable, Hashable, CustomStringConvertible {
  public var group: String
  public var version: String

  /// A group and version.
  public init(group: String, version: String) {
    self.group = group
    self.version = version
  }

  /// Parses an `apiVersion` string (`v1`, `apps/v1`).
  public init(apiVersion: String) {
    if let slash = apiVersion.firstIndex(of: "/") {
      group = String(apiVersion[..<slash])
      version = String(apiVersion[apiVersion.index(after: slash)...])
    } else {
      group = ""
      version = apiVersion
    }
  }

  /// The `apiVersion` string.
  public var description: String { group.isEmpty ? version : "\(group)/\(version)" }
}

/// A resource in a group, printed as Kubernetes prints it in messages: `aiclusters.ai.example.com`.
public struct GroupResource: Sendable, Hashable, CustomStringConvertible {
  public var group: String
  public var resource: String

  /// A resource (plural, lower case) in a group.
  public init(group: String, resource: String) {
    self.group = group
    self.resource = resource
  }

  public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
}

/// A resource in a group and version, the unit the API serves.
public struct GroupVersionResource: Sendable, Hashable, CustomStringConvertible {
  public var group: String
  public var version: String
  public var resource: String

  /// A resource in a group and version.
  public init(group: String, version: String, resource: String) {
    self.group = group
    self.version = version
    self.resource = resource
  }

  /// The group and resource without the version.
  public var groupResource: GroupResource { GroupResource(group: group, resource: resource) }
  /// The group and version.
  public var groupVersion: GroupVersion { GroupVersion(group: group, version: version) }

  public var description: String { "\(groupVersion)/\(resource)" }
}
