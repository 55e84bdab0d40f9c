import KubeCore

/// One change in the store as a watch sees it, with its wire frame encoded once for every watcher.
struct WatchEvent: Sendable {
  /// The watch event types of the Kubernetes API.
  enum Kind: String, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
  }

  var kind: Kind
  var object: StoredObject
  /// The object as it was before this change, so selector watches can turn an update that moves an
  /// object out of (or into) their selection into DELETED (or ADDED).
  var previous: JSONValue?
  /// `{"type":…,"object":…}\n`, shared by every watcher that takes the event unchanged.
  var frame: [UInt8]
  /// About what keeping this event in the watch window costs: the frame, the object's bytes, and the
  /// decoded object and the previous one, each taken at its serialized size. The previous object is
  /// often shared with the event before; counting it anyway keeps a bound on this an upper bound.
  let retainedBytes: Int

  /// An event; `previousBytes` is the serialized size of `previous`, for `retainedBytes`.
  init(kind: Kind, object: StoredObject, previous: JSONValue?, previousBytes: Int = 0) {
    self.kind = kind
    self.object = object
    self.previous = previous
    self.frame = WatchEvent.frame(type: kind.rawValue, objectBytes: object.bytes)
    retainedBytes = frame.count + 2 * object.bytes.count + previousBytes
  }

  /// Encodes one watch frame around already-serialized object bytes.
  static func frame(type: String, objectBytes: [UInt8]) -> [UInt8] {
    var frame: [UInt8] = []
    frame.reserveCapacity(objectBytes.count + 32)
    frame.append(contentsOf: #"{"type":""#.utf8)
    frame.append(contentsOf: type.utf8)
    frame.append(contentsOf: #"","object":"#.utf8)
    frame.append(contentsOf: objectBytes)
    frame.append(contentsOf: "}\n".utf8)
    return frame
  }

  /// The same event retyped (a selector watch sees an update leave its selection as DELETED).
  func retyped(_ kind: Kind) -> WatchEvent {
    var event = self
    event.kind = kind
    event.frame = WatchEvent.frame(type: kind.rawValue, objectBytes: object.bytes)
    return event
  }
}

/// What a watch (or list) selects: one resource, optionally one namespace, and selectors.
struct ObjectFilter: Sendable {
  var resource: GroupResource
  var namespace: String?
  var labelSelector: LabelSelector = .everything
  var fieldSelector: FieldSelector?

  /// Whether an object of this filter's resource is selected.
  func matches(namespace objectNamespace: String, value: JSONValue, labels: @autoclosure () -> [String: String])
    -> Bool
  {
    if let namespace, !namespace.isEmpty, namespace != objectNamespace { return false }
    if !labelSelector.requirements.isEmpty, !labelSelector.matches(labels()) { return false }
    if let fieldSelector, !fieldSelector.matches(value) { return false }
    return true
  }

  func matches(_ object: StoredObject) -> Bool {
    object.key.resource == resource
      && matches(namespace: object.key.namespace, value: object.value, labels: object.labels)
  }

  func matches(previous value: JSONValue, key: ObjectKey) -> Bool {
    matches(namespace: key.namespace, value: value, labels: Self.labels(of: value))
  }

  static func labels(of value: JSONValue) -> [String: String] {
    var labels: [String: String] = [:]
    for (key, label) in value["metadata"]?["labels"]?.objectValue ?? [:] { labels[key] = label.stringValue ?? "" }
    return labels
  }
}
