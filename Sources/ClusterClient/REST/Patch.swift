import KubeCore

/// A patch in one of the four forms the API accepts, each with its content type.
public enum Patch: Sendable {
  /// RFC 7386 JSON merge patch.
  case merge(JSONValue)
  /// Kubernetes strategic merge patch (built-in kinds only).
  case strategicMerge(JSONValue)
  /// RFC 6902 JSON patch: an array of operations.
  case json([JSONValue])
  /// Server-side apply of a whole intent, owned by the field manager; `force` takes fields from other managers.
  case apply(JSONValue, force: Bool)

  var contentType: String {
    switch self {
    case .merge: return "application/merge-patch+json"
    case .strategicMerge: return "application/strategic-merge-patch+json"
    case .json: return "application/json-patch+json"
    case .apply: return "application/apply-patch+yaml"
    }
  }

  var body: JSONValue {
    switch self {
    case .merge(let value), .strategicMerge(let value), .apply(let value, _): return value
    case .json(let operations): return .array(operations)
    }
  }
}

/// What deleting an object does to what it owns.
public enum DeletionPropagation: String, Sendable {
  /// Delete the dependents in the background after the owner.
  case background = "Background"
  /// Delete the dependents first; the owner goes when they are gone.
  case foreground = "Foreground"
  /// Leave the dependents, removing their owner reference.
  case orphan = "Orphan"
}
