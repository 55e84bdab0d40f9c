import Foundation
import KubeCore

/// Objects as kubectl prints them for people (`get -o yaml|json`, `edit`): without
/// `metadata.managedFields`, a list's items' included (kubectl's `--show-managed-fields=false`),
/// and with the keys of every map sorted, as kubectl's printers leave them after their trip
/// through a Go map — so an object opens with `apiVersion`, `kind`, `metadata`, then `spec` and
/// `status`. `aiconsole get`, the
/// console's YAML view and both `$EDITOR` edits print through here, so all of them agree.
enum KubectlOutput {
  /// `object` as it is printed: managed fields left out, keys sorted at every level.
  static func shown(_ object: JSONValue) -> JSONValue {
    var object = withoutManagedFields(object)
    if let items = object["items"]?.arrayValue { object["items"] = .array(items.map(withoutManagedFields)) }
    return sortedKeys(object)
  }

  /// `object` as `kubectl get -o yaml` prints it, long strings folded at 80 columns as go-yaml folds them.
  static func yaml(_ object: JSONValue) -> String {
    shown(object).yamlString(width: 80)
  }

  /// `object` as `kubectl get -o json` prints it: indented by four spaces, with a final newline.
  static func json(_ object: JSONValue) -> String {
    indented(shown(object), level: 0) + "\n"
  }

  /// The `List` kubectl wraps several objects in (`kubectl get aic -o yaml`).
  static func list(_ items: [JSONValue]) -> JSONValue {
    ["apiVersion": "v1", "items": .array(items), "kind": "List", "metadata": ["resourceVersion": ""]]
  }

  private static func withoutManagedFields(_ object: JSONValue) -> JSONValue {
    guard object[path: ["metadata", "managedFields"]] != nil else { return object }
    var object = object
    object.set(nil, at: ["metadata", "managedFields"])
    return object
  }

  /// `value` with the members of every object in key order.
  static func sortedKeys(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let members):
      var sorted = JSONValue.emptyObject
      for key in members.keys.sorted() { sorted[key] = members[key].map(sortedKeys) }
      return sorted
    case .array(let elements): return .array(elements.map(sortedKeys))
    default: return value
    }
  }

  private static func indented(_ value: JSONValue, level: Int) -> String {
    let outer = String(repeating: "    ", count: level)
    let inner = outer + "    "
    switch value {
    case .array(let elements) where !elements.isEmpty:
      let lines = elements.map { inner + indented($0, level: level + 1) }
      return "[\n" + lines.joined(separator: ",\n") + "\n" + outer + "]"
    case .object(let members) where !members.isEmpty:
      let lines = members.map {
        inner + goString($0.key) + ": " + indented($0.value, level: level + 1)
      }
      return "{\n" + lines.joined(separator: ",\n") + "\n" + outer + "}"
    case .string(let text): return goString(text)
    default: return value.jsonString
    }
  }

  /// A JSON string literal as Go's encoder writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped.
  private static func goString(_ text: String) -> String {
    var literal = JSONValue.string(text).jsonString
    for (character, escape) in goEscapes where literal.contains(character) {
      literal = literal.replacingOccurrences(of: character, with: escape)
    }
    return literal
  }

  private static let goEscapes = [
    ("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u{2028}", "\\u2028"), ("\u{2029}", "\\u2029"),
  ]
}
