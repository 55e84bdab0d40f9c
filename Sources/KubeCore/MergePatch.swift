/// JSON merge patch (RFC 7386): objects merge recursively, `null` removes, anything else replaces.
public enum MergePatch {
  /// `target` with `patch` merged into it.
  public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
    guard case .object(let patchMembers) = patch else { return patch }
    var result = target.objectValue ?? [:]
    for (key, value) in patchMembers {
      if value.isNull {
        result.removeValue(forKey: key)
      } else {
        result[key] = apply(value, to: result[key] ?? .null)
      }
    }
    return .object(result)
  }
}

/// Strategic merge patch as `kubectl` sends it for built-in kinds. Lists are replaced like a merge
/// patch, except lists of named items (containers, ports by name) merge by `name`; the directives
/// kubectl adds (`$patch`, `$retainKeys`, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`) are honoured
/// or dropped.
public enum StrategicMergePatch {
  /// `target` with `patch` merged into it.
  public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
    guard case .object(var patchMembers) = patch else { return patch }
    if patchMembers["$patch"]?.stringValue == "replace" {
      patchMembers.removeValue(forKey: "$patch")
      return .object(patchMembers)
    }
    if patchMembers["$patch"]?.stringValue == "delete" { return .null }
    var result = target.objectValue ?? [:]
    for (key, value) in patchMembers {
      if key.hasPrefix("$deleteFromPrimitiveList/") {
        let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
        let removed = Set(value.arrayValue ?? [])
        result[field] = result[field]?.arrayValue.map { .array($0.filter { !removed.contains($0) }) }
        continue
      }
      if key.hasPrefix("$") { continue }
      if value.isNull {
        result.removeValue(forKey: key)
      } else if case .array(let items) = value, case .array(let existing)? = result[key], isNamedList(items) {
        result[key] = .array(mergeNamed(items, into: existing))
      } else {
        result[key] = apply(value, to: result[key] ?? .null)
      }
    }
    return .object(result)
  }

  private static func isNamedList(_ items: [JSONValue]) -> Bool {
    !items.isEmpty && items.allSatisfy { $0["name"]?.stringValue != nil }
  }

  private static func mergeNamed(_ items: [JSONValue], into existing: [JSONValue]) -> [JSONValue] {
    var merged = existing
    for item in items {
      let name = item["name"]?.stringValue
      if let index = merged.firstIndex(where: { $0["name"]?.stringValue == name }) {
        let patched = apply(item, to: merged[index])
        if patched.isNull { merged.remove(at: index) } else { merged[index] = patched }
      } else if item["$patch"]?.stringValue != "delete" {
        merged.append(apply(item, to: .emptyObject))
      }
    }
    return merged
  }
}
