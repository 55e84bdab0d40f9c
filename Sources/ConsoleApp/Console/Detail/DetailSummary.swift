import Foundation
import KubeCore
import Views

/// Who the object is and what it asks for: kind, name, age, labels and a spec summary.
struct DetailSummary: Hashable, Sendable {
  /// `kind`.
  var kind: String
  /// `apiVersion`.
  var apiVersion: String
  /// `metadata.namespace` (empty when cluster-scoped).
  var namespace: String
  /// `metadata.name`.
  var name: String
  /// Time since `metadata.creationTimestamp`.
  var age: String
  /// `key=value` labels, sorted.
  var labels: [String]
  /// The interesting spec fields, in words (its kind descriptor's `summary`).
  var spec: [KeyValueList.Item]

  /// The summary of `object` at `now`, with its kind's summary `fields`.
  init(_ object: JSONValue, fields: [KeyValueList.Item], now: Date) {
    kind = DetailFields.kind(object)
    apiVersion = DetailFields.text(object["apiVersion"]) ?? ""
    namespace = DetailFields.namespace(object)
    name = DetailFields.name(object)
    age = DetailTime.age(DetailFields.text(object, "metadata", "creationTimestamp"), now: now)
    labels = DetailFields.labels(object)
    spec = fields
  }

  /// `namespace/name`, or the name alone for a cluster-scoped object.
  var qualifiedName: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }

  /// The summary as aligned lines: identity first, then the spec.
  var items: [KeyValueList.Item] {
    var list = DetailFieldList()
    list.add("Kind", "\(kind) (\(apiVersion))")
    list.add("Name", qualifiedName)
    list.add("Age", age)
    list.add("Labels", labels.isEmpty ? "<none>" : labels.joined(separator: ", "))
    return list.items + spec
  }
}
