import KubeCore

/// What a server-side apply makes of the live object: the configuration merged in (maps field by
/// field, keyed lists element by element, sets as a union, anything else replaced), then the
/// fields the applier set last time, owned by nobody else, and left out now, removed.
struct ApplyMerge: Sendable {
  var fields: ObjectFields

  /// `config` merged into `live`.
  func merge(_ config: JSONValue, into live: JSONValue?) -> JSONValue {
    merge(live, config, context: .root)
  }

  /// `object` without the fields at `paths` (leaves of an applier's previous configuration).
  func removing(_ paths: [FieldPath], from object: JSONValue) -> JSONValue {
    paths.reduce(object) { remove($1, from: $0, context: .root) ?? $0 }
  }

  private func merge(_ live: JSONValue?, _ config: JSONValue, context: ObjectFields.Context) -> JSONValue {
    guard let live else { return config }
    if var result = live.objectValue, let members = config.objectValue {
      for (key, value) in members {
        result[key] = merge(result[key], value, context: .init(field: key, parent: context.field))
      }
      return .object(result)
    }
    guard let current = fields.members(of: live, context: context),
      let wanted = fields.members(of: config, context: context),
      live.arrayValue != nil, config.arrayValue != nil
    else { return config }
    var items = current.map(\.value)
    var index: [FieldPathElement: Int] = [:]
    for (position, member) in current.enumerated() { index[member.element] = position }
    for member in wanted {
      if let position = index[member.element] {
        items[position] = merge(items[position], member.value, context: member.context)
      } else {
        index[member.element] = items.count
        items.append(member.value)
      }
    }
    return .array(items)
  }

  private func remove(_ path: FieldPath, from value: JSONValue, context: ObjectFields.Context) -> JSONValue? {
    guard let first = path.first else { return nil }
    let rest = Array(path.dropFirst())
    if case .field(let name) = first, var members = value.objectValue {
      guard let child = members[name] else { return value }
      members[name] = rest.isEmpty ? nil : remove(rest, from: child, context: .init(field: name, parent: context.field))
      return .object(members)
    }
    guard let list = fields.members(of: value, context: context), value.arrayValue != nil else { return value }
    let items = list.compactMap { member -> JSONValue? in
      guard member.element == first else { return member.value }
      return rest.isEmpty ? nil : remove(rest, from: member.value, context: member.context)
    }
    return .array(items)
  }
}
