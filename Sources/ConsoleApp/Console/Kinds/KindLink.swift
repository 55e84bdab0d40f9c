import KubeCore

/// How an object of one kind leads to objects of another, as the controller links them (a
/// label naming the object, an owner reference, a list in the spec). Links are read both ways:
/// down for an object's pods and owner-tree children, up for an object's parent.
enum KindLink: Sendable, Hashable {
  /// Pods labelled `label: <object name>` in the object's namespace, or owned by it.
  case pods(label: String)
  /// Objects of `resource` that name the object as their owner, or carry `label: <object name>`.
  case owned(APIResource, label: String)
  /// Objects of `resource` the object lists at `path`, each entry naming one by its `key` field.
  case listed(APIResource, path: [String], key: String)

  /// The kind the link leads to.
  var target: APIResource {
    switch self {
    case .pods: CoreResources.pods
    case .owned(let resource, _), .listed(let resource, _, _): resource
    }
  }

  /// The objects `object` leads to among `candidates` (objects of the target kind in its namespace).
  func targets(of object: JSONValue, among candidates: [JSONValue]) -> [JSONValue] {
    let name = DetailFields.name(object)
    switch self {
    case .pods(let label), .owned(_, let label):
      return candidates.filter { DetailFields.isOwned($0, by: object) || DetailFields.label($0, label) == name }
    case .listed(let resource, let path, let key):
      let ofKind = candidates.filter {
        DetailFields.group($0) == resource.group && DetailFields.kind($0) == resource.kind
      }
      return (object[path: path]?.arrayValue ?? []).compactMap { entry in
        ofKind.first { DetailFields.name($0) == entry[key]?.stringValue }
      }
    }
  }

  /// Whether `owner` leads to `object` by this link (for finding an object's parent).
  func leads(from owner: JSONValue, to object: JSONValue) -> Bool {
    switch self {
    case .pods(let label), .owned(_, let label):
      return DetailFields.isOwned(object, by: owner) || DetailFields.label(object, label) == DetailFields.name(owner)
    case .listed(_, let path, let key):
      let name = DetailFields.name(object)
      return (owner[path: path]?.arrayValue ?? []).contains { $0[key]?.stringValue == name }
    }
  }
}
