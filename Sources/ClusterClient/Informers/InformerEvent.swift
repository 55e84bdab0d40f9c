import KubeCore

/// What an informer tells its subscribers: object changes as the cache applies them, and changes
/// of its sync state.
public enum InformerEvent: Sendable {
  case added(JSONValue)
  case modified(old: JSONValue, new: JSONValue)
  /// The last state the informer knew of the deleted object.
  case deleted(JSONValue)
  case state(SyncState)

  /// The object the event is about (the new one for a modification); nil for a state change.
  public var object: JSONValue? {
    switch self {
    case .added(let object), .deleted(let object), .modified(_, let object): return object
    case .state: return nil
    }
  }
}

/// What an informer of a Table tells its row subscribers: the server's columns when they become
/// known, and each change with the object's cells in those columns (empty for a state change).
public enum TableInformerEvent: Sendable {
  case columns([ServerTable.Column])
  case change(InformerEvent, cells: [JSONValue])
}
