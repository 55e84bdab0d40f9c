import KubeCore
import OrderedCollections

/// A set of field paths as a tree: each node says whether its own path is in the set (the `.`
/// of `FieldsV1`) and holds its children. Which fields a manager owns, and which an edit added,
/// changed or removed, are such sets.
struct FieldSet: Hashable, Sendable {
  /// Whether the path this node stands for is itself a member.
  var isMember = false
  var children: [FieldPathElement: FieldSet] = [:]

  /// The empty set.
  init() {}

  /// The set of these paths.
  init(_ paths: [FieldPath]) {
    for path in paths { insert(path) }
  }

  /// `subtree` placed under `path`.
  init(_ subtree: FieldSet, at path: FieldPath) {
    self = path.reversed().reduce(subtree) { below, element in
      var node = FieldSet()
      node.children[element] = below
      return node
    }
  }

  var isEmpty: Bool { !isMember && children.values.allSatisfy(\.isEmpty) }

  /// Adds `path`.
  mutating func insert(_ path: FieldPath) {
    guard let first = path.first else {
      isMember = true
      return
    }
    children[first, default: FieldSet()].insert(Array(path.dropFirst()))
  }

  /// Whether `path` is a member.
  func contains(_ path: FieldPath) -> Bool {
    guard let first = path.first else { return isMember }
    return children[first]?.contains(Array(path.dropFirst())) ?? false
  }

  /// Every member, sorted.
  var paths: [FieldPath] {
    var result: [FieldPath] = isMember ? [[]] : []
    for key in children.keys.sorted() {
      result += (children[key] ?? FieldSet()).paths.map { [key] + $0 }
    }
    return result
  }

  func union(_ other: FieldSet) -> FieldSet {
    var result = self
    result.isMember = isMember || other.isMember
    for (key, child) in other.children { result.children[key] = (children[key] ?? FieldSet()).union(child) }
    return result
  }

  func intersection(_ other: FieldSet) -> FieldSet {
    var result = FieldSet()
    result.isMember = isMember && other.isMember
    for (key, child) in children {
      guard let theirs = other.children[key] else { continue }
      let both = child.intersection(theirs)
      if !both.isEmpty { result.children[key] = both }
    }
    return result
  }

  /// The members of this set that `other` lacks.
  func subtracting(_ other: FieldSet) -> FieldSet {
    var result = FieldSet()
    result.isMember = isMember && !other.isMember
    for (key, child) in children {
      let rest = other.children[key].map { child.subtracting($0) } ?? child
      if !rest.isEmpty { result.children[key] = rest }
    }
    return result
  }

  /// The `FieldsV1` form: `{".": {}, "f:replicas": {}}`, children in structured-merge-diff's order.
  var fieldsV1: JSONValue {
    var members = OrderedDictionary<String, JSONValue>()
    if isMember, !children.isEmpty { members["."] = .emptyObject }
    for key in children.keys.sorted() {
      guard let child = children[key], !child.isEmpty else { continue }
      members[key.fieldsV1Key] = child.fieldsV1
    }
    return .object(members)
  }

  /// The set a `FieldsV1` value describes; an unknown key is an error.
  init(fieldsV1 value: JSONValue) throws(StatusError) {
    guard let members = value.objectValue else {
      throw StatusError.badRequest("managedFields: fieldsV1 must be an object")
    }
    isMember = members.isEmpty
    for (key, child) in members {
      if key == "." {
        isMember = true
        continue
      }
      guard let element = FieldPathElement(fieldsV1Key: key) else {
        throw StatusError.badRequest("managedFields: invalid fieldsV1 key \"\(key)\"")
      }
      children[element] = try FieldSet(fieldsV1: child)
    }
  }
}
