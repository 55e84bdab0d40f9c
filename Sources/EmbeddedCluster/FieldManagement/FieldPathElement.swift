import KubeCore

/// One step of a path into an object, as structured-merge-diff names it: a map's field, a keyed
/// list's element, a set's value or a list's position. It is the key of a `FieldsV1` entry
/// (`f:replicas`, `k:{"name":"app"}`, `v:"x"`, `i:0`) and a part of a conflict's path
/// (`.replicas`, `[name="app"]`, `[="x"]`, `[0]`).
enum FieldPathElement: Hashable, Sendable, Comparable {
  case field(String)
  /// An associative list's element, by its keys' values as canonical JSON (keys sorted).
  case key(String)
  /// A set's element, as JSON.
  case value(String)
  case index(Int)

  /// The `FieldsV1` key.
  var fieldsV1Key: String {
    switch self {
    case .field(let name): "f:" + name
    case .key(let json): "k:" + json
    case .value(let json): "v:" + json
    case .index(let index): "i:\(index)"
    }
  }

  /// The element read back from a `FieldsV1` key, nil for one it does not know.
  init?(fieldsV1Key key: String) {
    let body = String(key.dropFirst(2))
    switch key.prefix(2) {
    case "f:": self = .field(body)
    case "k:": self = .key(body)
    case "v:": self = .value(body)
    case "i:":
      guard let index = Int(body) else { return nil }
      self = .index(index)
    default: return nil
    }
  }

  /// How a conflict names it: `.replicas`, `[name="app"]`, `[="x"]`, `[0]`.
  var pathText: String {
    switch self {
    case .field(let name): return "." + name
    case .index(let index): return "[\(index)]"
    case .value(let json): return "[=\(json)]"
    case .key(let json):
      guard let parsed = try? JSONParser.parse(Array(json.utf8)), let members = parsed.objectValue else {
        return "[\(json)]"
      }
      return "[" + members.map { "\($0.key)=\($0.value.jsonString)" }.joined(separator: ",") + "]"
    }
  }

  /// The element of a keyed list's `item`, by `keys`; nil when the item lacks one.
  static func key(of item: JSONValue, keys: [String]) -> FieldPathElement? {
    var members: [(String, JSONValue)] = []
    for name in keys.sorted() {
      guard let value = item[name] else { return nil }
      members.append((name, value))
    }
    let object = JSONValue.object(.init(uniqueKeysWithValues: members))
    return .key(object.jsonString)
  }

  private var rank: Int {
    switch self {
    case .field: 0
    case .key: 1
    case .value: 2
    case .index: 3
    }
  }

  static func < (lhs: FieldPathElement, rhs: FieldPathElement) -> Bool {
    guard lhs.rank == rhs.rank else { return lhs.rank < rhs.rank }
    switch (lhs, rhs) {
    case (.field(let a), .field(let b)), (.key(let a), .key(let b)), (.value(let a), .value(let b)): return a < b
    case (.index(let a), .index(let b)): return a < b
    default: return false
    }
  }
}

/// A path from an object's root, as a conflict prints it (`.spec.replicas`).
typealias FieldPath = [FieldPathElement]

extension Array where Element == FieldPathElement {
  /// `.spec.containers[name="app"].image`.
  var pathText: String { map(\.pathText).joined() }
}
