import KubeCore

/// An informer's local copy of one resource: objects by namespace and name, indexed by namespace
/// and by label, and the diff that turns a fresh list into events.
public struct ObjectCache: Sendable {
  private var objects: [NamespacedName: JSONValue] = [:]
  private var byLabel: [String: Set<NamespacedName>] = [:]
  private var byNamespace: [String: Set<NamespacedName>] = [:]

  public init() {}

  public var count: Int { objects.count }

  public func object(_ key: NamespacedName) -> JSONValue? { objects[key] }

  /// The objects of `namespace` (nil: all) matching `selector`, sorted by namespace and name.
  public func list(namespace: String? = nil, selector: LabelSelector = .everything) -> [JSONValue] {
    var keys: Set<NamespacedName>?
    if let namespace { keys = byNamespace[namespace] ?? [] }
    for case .equals(let key, let value) in selector.requirements {
      let indexed = byLabel["\(key)=\(value)"] ?? []
      keys = keys.map { $0.intersection(indexed) } ?? indexed
    }
    let candidates = keys.map { Array($0) } ?? Array(objects.keys)
    // Not compactMap with `cond ? object : nil`: JSONValue is nil-literal expressible, so that
    // would keep `.null` instead of dropping the object.
    var result: [JSONValue] = []
    for key in candidates.sorted() {
      guard let object = objects[key] else { continue }
      if selector.requirements.isEmpty || selector.matches(Self.labels(object)) { result.append(object) }
    }
    return result
  }

  /// Stores `object`, returning what it replaced.
  @discardableResult
  public mutating func upsert(_ object: JSONValue) -> JSONValue? {
    guard let key = NamespacedName(of: object) else { return nil }
    let old = objects.updateValue(object, forKey: key)
    if let old { unindex(old, key) }
    index(object, key)
    return old
  }

  /// Removes the object named like `object`, returning what was cached.
  @discardableResult
  public mutating func remove(_ object: JSONValue) -> JSONValue? {
    guard let key = NamespacedName(of: object), let old = objects.removeValue(forKey: key) else { return nil }
    unindex(old, key)
    return old
  }

  /// Replaces the contents with a fresh list and returns the events that explain the change:
  /// additions, modifications (a different resourceVersion) and deletions.
  public mutating func replace(with items: [JSONValue]) -> [InformerEvent] {
    var events: [InformerEvent] = []
    var seen: Set<NamespacedName> = []
    for item in items {
      guard let key = NamespacedName(of: item) else { continue }
      seen.insert(key)
      if let old = upsert(item) {
        if Self.resourceVersion(old) != Self.resourceVersion(item) { events.append(.modified(old: old, new: item)) }
      } else {
        events.append(.added(item))
      }
    }
    for key in objects.keys where !seen.contains(key) {
      if let old = objects[key], remove(old) != nil { events.append(.deleted(old)) }
    }
    return events
  }

  /// Every object, in key order.
  public var all: [JSONValue] { objects.keys.sorted().compactMap { objects[$0] } }

  static func resourceVersion(_ object: JSONValue) -> String? {
    object[path: ["metadata", "resourceVersion"]]?.stringValue
  }

  static func labels(_ object: JSONValue) -> [String: String] {
    var labels: [String: String] = [:]
    for (key, value) in object[path: ["metadata", "labels"]]?.objectValue ?? [:] {
      if let text = value.stringValue { labels[key] = text }
    }
    return labels
  }

  private mutating func index(_ object: JSONValue, _ key: NamespacedName) {
    if let namespace = key.namespace { byNamespace[namespace, default: []].insert(key) }
    for (label, value) in Self.labels(object) { byLabel["\(label)=\(value)", default: []].insert(key) }
  }

  private mutating func unindex(_ object: JSONValue, _ key: NamespacedName) {
    if let namespace = key.namespace { byNamespace[namespace]?.remove(key) }
    for (label, value) in Self.labels(object) { byLabel["\(label)=\(value)"]?.remove(key) }
  }
}
