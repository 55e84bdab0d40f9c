import AIResources
import KubeCore

/// One field an operation changes, from what to what; nil means absent.
struct FieldChange: Sendable, Hashable, CustomStringConvertible {
  /// The field's path of object keys (`["spec", "modelRef", "name"]`).
  var path: [String]
  var old: JSONValue?
  var new: JSONValue?

  /// The dotted path, as kubectl names fields (`spec.modelRef.name`).
  var field: String { path.joined(separator: ".") }

  /// `spec.replicas: 1 → 3`, with `<none>` for an absent value.
  var description: String { "\(field): \(Self.text(old)) → \(Self.text(new))" }

  static func text(_ value: JSONValue?) -> String {
    guard let value, !value.isNull else { return "<none>" }
    if let string = value.stringValue { return string }
    return value.jsonString
  }

  /// The RFC 7386 merge patch that makes every change, an absent new value as `null` (removal),
  /// stamped with the change-id and its generation.
  static func mergePatch(_ changes: [FieldChange], stamp: ChangeStamp) -> JSONValue {
    var patch: JSONValue = ["metadata": ["annotations": stamp.annotations]]
    for change in changes { patch.set(change.new ?? .null, at: change.path) }
    return patch
  }

  /// Whether any change writes a value other than the one there.
  static func changesSpec(_ changes: [FieldChange]) -> Bool {
    changes.contains { $0.path.first == "spec" && $0.old != $0.new }
  }

  /// What someone else changed between the object an edit was opened on and the object as it is
  /// now, in what an edit writes: the spec, labels and annotations (a change-id aside).
  static func meanwhile(from base: JSONValue, to current: JSONValue) -> [FieldChange] {
    let metadata = [["metadata", "labels"], ["metadata", "annotations"]].flatMap { path in
      diff(base[path: path] ?? .emptyObject, current[path: path] ?? .emptyObject, at: path)
    }
    let stamp = [ChangeStamp.idAnnotation, ChangeStamp.generationAnnotation]
    return diff(base["spec"], current["spec"], at: ["spec"]) + metadata.filter { !stamp.contains($0.path.last ?? "") }
  }

  /// The leaves that differ between two values under `path`, objects compared key by key and
  /// anything else (arrays included) as a whole, in the order the keys appear.
  static func diff(_ old: JSONValue?, _ new: JSONValue?, at path: [String]) -> [FieldChange] {
    if let before = old?.objectValue, let after = new?.objectValue {
      var keys = Array(before.keys)
      keys += after.keys.filter { before[$0] == nil }
      return keys.flatMap { diff(before[$0], after[$0], at: path + [$0]) }
    }
    return old == new ? [] : [FieldChange(path: path, old: old, new: new)]
  }
}
