import KubeCore

/// The field paths of objects and the differences between two of them, walked as
/// structured-merge-diff walks them: maps field by field, keyed lists and sets element by
/// element, everything else (scalars, atomic lists) as one leaf.
struct ObjectFields: Sendable {
  /// Whether the object is a built-in kind, whose keyed lists are known (`ListSemantics`).
  var builtin: Bool

  /// Where a value sits: the field name it was reached by and the one above, which decide how a
  /// list under it is walked.
  struct Context: Sendable {
    var field: String?
    var parent: String?

    static let root = Context()
  }

  /// One member of a map or a walked list.
  struct Member {
    var element: FieldPathElement
    var value: JSONValue
    var context: Context
  }

  /// The fields an apply configuration sets: its leaves and list elements, not the maps around them.
  func leaves(of value: JSONValue) -> FieldSet {
    var set = FieldSet()
    collectLeaves(value, at: [], context: .root, into: &set)
    return set
  }

  /// What changed from `old` to `new`: fields added (with the maps they created), fields whose
  /// value changed, and fields removed (with everything under them).
  func compare(_ old: JSONValue?, _ new: JSONValue?) -> FieldComparison {
    var comparison = FieldComparison()
    compare(old, new, at: [], context: .root, into: &comparison)
    return comparison
  }

  /// Every path in `value`, the maps and elements themselves included.
  func everything(in value: JSONValue, at path: FieldPath, context: Context) -> FieldSet {
    FieldSet(everything(in: value, context: context), at: path)
  }

  /// Every path in `value` relative to it, built as one tree: a create's field set is the whole
  /// object, and a union per member (with a path array per field) cost it about 10 µs.
  private func everything(in value: JSONValue, context: Context) -> FieldSet {
    var set = FieldSet()
    set.isMember = true
    for member in members(of: value, context: context) ?? [] {
      let below = everything(in: member.value, context: member.context)
      // Members are distinct (`members` refuses lists whose keys repeat); union all the same.
      set.children[member.element] = set.children[member.element].map { $0.union(below) } ?? below
    }
    return set
  }

  private func collectLeaves(_ value: JSONValue, at path: FieldPath, context: Context, into set: inout FieldSet) {
    guard let members = members(of: value, context: context), !members.isEmpty else {
      if !path.isEmpty { set.insert(path) }
      return
    }
    if case .key = path.last { set.insert(path) }
    for member in members {
      collectLeaves(member.value, at: path + [member.element], context: member.context, into: &set)
    }
  }

  private func compare(
    _ old: JSONValue?, _ new: JSONValue?, at path: FieldPath, context: Context, into result: inout FieldComparison
  ) {
    guard let old else {
      if let new { result.added = result.added.union(everything(in: new, at: path, context: context)) }
      return
    }
    guard let new else {
      result.removed = result.removed.union(everything(in: old, at: path, context: context))
      return
    }
    guard let before = members(of: old, context: context), let after = members(of: new, context: context),
      (old.objectValue != nil) == (new.objectValue != nil)
    else {
      if old != new { result.modified.insert(path) }
      return
    }
    var theirs: [FieldPathElement: Member] = [:]
    for member in after { theirs[member.element] = member }
    for member in before {
      let counterpart = theirs.removeValue(forKey: member.element)
      compare(member.value, counterpart?.value, at: path + [member.element], context: member.context, into: &result)
    }
    for member in after where theirs[member.element] != nil {
      compare(nil, member.value, at: path + [member.element], context: member.context, into: &result)
    }
  }

  /// The members of a map, or of a keyed or set list; nil for a value walked as one leaf (a
  /// scalar, an atomic list, or a keyed list whose elements lack a key or repeat one).
  func members(of value: JSONValue, context: Context) -> [Member]? {
    if let fields = value.objectValue {
      return fields.map {
        Member(element: .field($0.key), value: $0.value, context: Context(field: $0.key, parent: context.field))
      }
    }
    guard let items = value.arrayValue, let field = context.field else { return nil }
    switch ListSemantics.of(field: field, parent: context.parent, builtin: builtin) {
    case .atomic: return nil
    case .set:
      let members = items.map { Member(element: .value($0.jsonString), value: $0, context: context) }
      return Set(members.map(\.element)).count == members.count ? members : nil
    case .map(let keys):
      let elements = items.map { FieldPathElement.key(of: $0, keys: keys) }
      guard elements.allSatisfy({ $0 != nil }), Set(elements).count == elements.count else { return nil }
      return zip(elements, items).compactMap { element, item in
        element.map { Member(element: $0, value: item, context: context) }
      }
    }
  }
}

/// The fields an edit added, changed and removed.
struct FieldComparison: Sendable {
  var added = FieldSet()
  var modified = FieldSet()
  var removed = FieldSet()

  /// Added or changed: what the edit's manager now owns, and takes from the others.
  var changed: FieldSet { added.union(modified) }
}
