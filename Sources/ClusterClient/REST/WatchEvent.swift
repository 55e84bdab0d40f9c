import KubeCore

/// One event of a watch stream, as the API server frames it: a type and an object.
public struct WatchEvent: Sendable {
  public enum Kind: String, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
    case bookmark = "BOOKMARK"
    case error = "ERROR"
  }

  public var kind: Kind
  /// The object; for `error`, a `Status`; for `bookmark`, only metadata.
  public var object: JSONValue

  public init(kind: Kind, object: JSONValue) {
    self.kind = kind
    self.object = object
  }

  /// Decodes one line of a watch stream.
  public init(line: some Collection<UInt8>) throws(KubeError) {
    let value: JSONValue
    do {
      value = try JSONParser.parse(line)
    } catch {
      throw KubeError.decoding("watch event: \(error)")
    }
    guard let type = value["type"]?.stringValue, let kind = Kind(rawValue: type), let object = value["object"] else {
      throw KubeError.decoding("watch event without type and object")
    }
    self.init(kind: kind, object: object)
  }

  /// The object's resourceVersion (a bookmark's too).
  public var resourceVersion: String? { object[path: ["metadata", "resourceVersion"]]?.stringValue }

  /// Whether this bookmark marks the end of the initial events of a `sendInitialEvents` watch.
  public var isInitialEventsEnd: Bool {
    kind == .bookmark
      && object[path: ["metadata", "annotations", "k8s.io/initial-events-end"]]?.stringValue == "true"
  }

  /// The error an `ERROR` event carries, typed (`410 Expired` becomes `.gone`).
  public var error: KubeError? {
    guard kind == .error else { return nil }
    let status =
      StatusError(status: object) ?? StatusError(code: 500, reason: "InternalError", message: "watch error: \(object)")
    return KubeError(status: status)
  }
}
