import KubeCore

/// The identity of an object within one resource: namespace (nil when cluster-scoped) and name.
public struct NamespacedName: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var namespace: String?
  public var name: String

  public init(namespace: String?, name: String) {
    self.namespace = namespace
    self.name = name
  }

  /// The key of an object; nil when it has no name.
  public init?(of object: JSONValue) {
    guard let metadata = object["metadata"], let name = metadata["name"]?.stringValue else { return nil }
    self.init(namespace: metadata["namespace"]?.stringValue, name: name)
  }

  public var description: String { namespace.map { "\($0)/\(name)" } ?? name }

  public static func < (lhs: NamespacedName, rhs: NamespacedName) -> Bool {
    (lhs.namespace ?? "", lhs.name) < (rhs.namespace ?? "", rhs.name)
  }
}
