import KubeCore

/// Reads the parts of any Kubernetes object the detail views need, straight from its JSON, so
/// that they work the same for our kinds, built-in kinds and custom resources nobody told us of.
enum DetailFields {
  /// `metadata.name`.
  static func name(_ object: JSONValue) -> String { meta(object, "name") }
  /// `metadata.namespace` (empty for cluster-scoped objects).
  static func namespace(_ object: JSONValue) -> String { meta(object, "namespace") }
  /// `metadata.uid`.
  static func uid(_ object: JSONValue) -> String { meta(object, "uid") }
  /// `kind`.
  static func kind(_ object: JSONValue) -> String { object["kind"]?.stringValue ?? "" }
  /// The group of `apiVersion` (empty for the core group).
  static func group(_ object: JSONValue) -> String {
    let apiVersion = object["apiVersion"]?.stringValue ?? ""
    return apiVersion.contains("/") ? String(apiVersion.prefix { $0 != "/" }) : ""
  }

  /// `metadata.labels` as `key=value` texts, sorted by key.
  static func labels(_ object: JSONValue) -> [String] { pairs(object[path: ["metadata", "labels"]]) }
  /// `metadata.annotations` as `key=value` texts, sorted by key.
  static func annotations(_ object: JSONValue) -> [String] { pairs(object[path: ["metadata", "annotations"]]) }

  /// The label `key`'s value, if set.
  static func label(_ object: JSONValue, _ key: String) -> String? {
    object[path: ["metadata", "labels", key]]?.stringValue
  }

  /// The uids in `metadata.ownerReferences`.
  static func ownerUIDs(_ object: JSONValue) -> [String] {
    (object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).compactMap { $0["uid"]?.stringValue }
  }

  /// Whether `object` names `owner` among its owner references.
  static func isOwned(_ object: JSONValue, by owner: JSONValue) -> Bool {
    let uid = uid(owner)
    return !uid.isEmpty && ownerUIDs(object).contains(uid)
  }

  /// A scalar as text (`true`, `3`, `0.5`, the string itself); nil for null, arrays and objects.
  static func text(_ value: JSONValue?) -> String? {
    switch value {
    case .string(let text): text
    case .int(let number): String(number)
    case .double(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    case .bool(let flag): String(flag)
    default: nil
    }
  }

  /// The text at `path` of `object`, if it is a scalar.
  static func text(_ object: JSONValue, _ path: String...) -> String? { text(object[path: path]) }

  /// Every scalar under `value` as a dotted path (`predictor.model.storageUri`) and its text, in
  /// the object's order; lists of scalars are joined, lists of objects are indexed (`a[0].b`).
  static func flatten(_ value: JSONValue, prefix: String = "") -> [(key: String, value: String)] {
    switch value {
    case .object(let members):
      return members.flatMap { key, member in flatten(member, prefix: prefix.isEmpty ? key : "\(prefix).\(key)") }
    case .array(let elements):
      let scalars = elements.compactMap { text($0) }
      if scalars.count == elements.count { return prefix.isEmpty ? [] : [(prefix, scalars.joined(separator: ", "))] }
      return elements.enumerated().flatMap { index, element in flatten(element, prefix: "\(prefix)[\(index)]") }
    case .null:
      return []
    default:
      return prefix.isEmpty ? [] : [(prefix, text(value) ?? "")]
    }
  }

  private static func meta(_ object: JSONValue, _ key: String) -> String {
    object[path: ["metadata", key]]?.stringValue ?? ""
  }

  /// A map's members as `key=value` texts, sorted by key.
  static func pairs(_ value: JSONValue?) -> [String] {
    (value?.objectValue ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\(text($0.value) ?? "")" }
  }
}
