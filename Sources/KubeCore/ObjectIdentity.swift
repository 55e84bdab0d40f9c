/// Which object: its kind within its group, its namespace and its name, and its uid where known.
/// The one identity the console's store, list rows, selection, operations and logs pass around,
/// so that nothing has to be parsed back out of a string. Two identities are the same object when
/// group, kind, namespace and name agree; the uid tells incarnations apart only where it is known.
public struct ObjectIdentity: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The API group (empty for the core group).
  public var group: String
  /// The kind (`AICluster`).
  public var kind: String
  /// The namespace; empty for a cluster-scoped object.
  public var namespace: String
  /// The name.
  public var name: String
  /// `metadata.uid`, when known.
  public var uid: String?

  public init(group: String, kind: String, namespace: String, name: String, uid: String? = nil) {
    self.group = group
    self.kind = kind
    self.namespace = namespace
    self.name = name
    self.uid = uid
  }

  /// The object `name` in `namespace` of `resource`.
  public init(_ resource: APIResource, namespace: String, name: String, uid: String? = nil) {
    self.init(group: resource.group, kind: resource.kind, namespace: namespace, name: name, uid: uid)
  }

  /// The identity of `object`, served as `resource`.
  public init(_ resource: APIResource, _ object: JSONValue) {
    self.init(
      resource, namespace: object[path: ["metadata", "namespace"]]?.stringValue ?? "",
      name: object[path: ["metadata", "name"]]?.stringValue ?? "", uid: object[path: ["metadata", "uid"]]?.stringValue)
  }

  public static func == (a: ObjectIdentity, b: ObjectIdentity) -> Bool {
    a.group == b.group && a.kind == b.kind && a.namespace == b.namespace && a.name == b.name
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(group)
    hasher.combine(kind)
    hasher.combine(namespace)
    hasher.combine(name)
  }

  /// By kind, then group, namespace and name: the order the all-kinds list starts from.
  public static func < (a: ObjectIdentity, b: ObjectIdentity) -> Bool {
    (a.kind, a.group, a.namespace, a.name) < (b.kind, b.group, b.namespace, b.name)
  }

  /// `AICluster demo/llama`, as the console names an object.
  public var description: String { namespace.isEmpty ? "\(kind) \(name)" : "\(kind) \(namespace)/\(name)" }

  /// `aicluster/llama`, as kubectl and the CLI name an object.
  public var target: String { "\(kind.lowercased())/\(name)" }

  /// Whether `resource` serves this object's kind.
  public func isServed(by resource: APIResource) -> Bool { resource.group == group && resource.kind == kind }
}
