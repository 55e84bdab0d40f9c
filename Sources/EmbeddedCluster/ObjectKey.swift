import KubeCore

/// Where an object lives: its resource, namespace (empty for cluster-scoped) and name.
struct ObjectKey: Hashable, Sendable, Comparable, CustomStringConvertible {
  var resource: GroupResource
  var namespace: String
  var name: String

  static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
    (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
  }

  var description: String { namespace.isEmpty ? "\(resource)/\(name)" : "\(resource)/\(namespace)/\(name)" }
}

/// One stored object: its parsed value, its JSON bytes (kept so lists and watches never re-encode)
/// and the revision that last wrote it.
struct StoredObject: Sendable {
  var key: ObjectKey
  var value: JSONValue
  var bytes: [UInt8]
  var revision: Int64

  init(key: ObjectKey, value: JSONValue, revision: Int64) {
    self.key = key
    self.value = value
    self.bytes = value.serialized()
    self.revision = revision
  }

  init(key: ObjectKey, value: JSONValue, bytes: [UInt8], revision: Int64) {
    self.key = key
    self.value = value
    self.bytes = bytes
    self.revision = revision
  }

  var labels: [String: String] {
    guard let members = value["metadata"]?["labels"]?.objectValue else { return [:] }
    var labels: [String: String] = [:]
    for (key, value) in members { labels[key] = value.stringValue ?? "" }
    return labels
  }
}
