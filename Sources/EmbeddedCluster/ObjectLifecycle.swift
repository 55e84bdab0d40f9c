import Foundation
import KubeCore

/// The metadata rules every write follows: what the server sets on create, what an update may
/// not change, when `generation` moves, and which half of an object each endpoint may write.
struct ObjectLifecycle {
  let info: ResourceInfo
  let now: Date

  private static let nameAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

  /// Fills in what the server owns on create: name from generateName, namespace, uid,
  /// creationTimestamp, generation where the kind keeps one; custom resources with a status
  /// subresource start without status.
  func prepareForCreate(_ input: JSONValue, namespace: String) throws(StatusError) -> JSONValue {
    var object = input
    var metadata = object["metadata"] ?? .emptyObject
    if metadata.objectValue == nil { metadata = .emptyObject }
    if metadata["name"]?.stringValue?.isEmpty ?? true {
      guard let prefix = metadata["generateName"]?.stringValue, !prefix.isEmpty else {
        throw StatusError.invalid(
          kind: info.kind, group: info.group, name: "",
          errors: [
            FieldError(
              field: "metadata.name", reason: .required, message: "Required value: name or generateName is required")
          ])
      }
      metadata["name"] = .string(prefix + String((0..<5).map { _ in Self.nameAlphabet.randomElement()! }))
    }
    if info.namespaced { metadata["namespace"] = .string(namespace) } else { metadata["namespace"] = nil }
    metadata["uid"] = .string(Self.newUID())
    metadata["creationTimestamp"] = .string(Timestamps.format(now))
    metadata["generation"] = nil
    if info.tracksGeneration { metadata["generation"] = 1 }
    metadata["resourceVersion"] = nil
    metadata["deletionTimestamp"] = nil
    metadata["managedFields"] = nil
    object["metadata"] = metadata
    if info.isCustom || info.resetsStatusOnCreate, info.hasStatus { object["status"] = nil }
    if info.plural == "namespaces", info.group.isEmpty {
      object.set(
        .string(metadata["name"]?.stringValue ?? ""), at: ["metadata", "labels", "kubernetes.io/metadata.name"])
      object = NamespaceLifecycle.created(object)
    }
    return Self.secretWritten(object, info: info)
  }

  /// A random (version 4, RFC 9562) UUID in the lowercase form Kubernetes writes uids in, built
  /// here: Foundation's `UUID()` opened /dev/urandom on every create, and `uuidString.lowercased()`
  /// went through Unicode case mapping.
  static func newUID() -> String {
    var generator = SystemRandomNumberGenerator()
    var bytes = (0..<2).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
    bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
    bytes[8] = bytes[8] & 0x3F | 0x80  // variant 10
    let hex = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(36)
    for (index, byte) in bytes.enumerated() {
      if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
      text.append(hex[Int(byte >> 4)])
      text.append(hex[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// A Secret as kube-apiserver stores it: `type` defaults to Opaque, and the write-only
  /// `stringData` is folded into `data` (base64), winning over a key of the same name.
  static func secretWritten(_ input: JSONValue, info: ResourceInfo) -> JSONValue {
    guard info.plural == "secrets", info.group.isEmpty else { return input }
    var object = input
    if object["type"]?.stringValue?.isEmpty ?? true { object["type"] = "Opaque" }
    if let plain = object["stringData"]?.objectValue {
      var data = object["data"] ?? .emptyObject
      for (key, value) in plain { data[key] = .string(Data((value.stringValue ?? "").utf8).base64EncodedString()) }
      object["data"] = data
      object["stringData"] = nil
    }
    return object
  }

  /// The object an update stores: the new content on the half this endpoint owns, the server-owned
  /// metadata from `old`, and `generation` moved when anything outside metadata and status changed.
  func merge(old: JSONValue, new: JSONValue, subresource: String?) -> JSONValue {
    var result: JSONValue
    if subresource == "status" {
      result = old
      result["status"] = new["status"]
    } else {
      result = new
      if info.hasStatus { result["status"] = old["status"] }
      var metadata = result["metadata"] ?? .emptyObject
      for field in ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"]
      {
        metadata[field] = old["metadata"]?[field]
      }
      metadata["generation"] = nil
      if info.tracksGeneration { metadata["generation"] = old["metadata"]?["generation"] }
      metadata["managedFields"] = nil
      result["metadata"] = metadata
      if info.plural == "namespaces", info.group.isEmpty {
        // Only `namespaces/NAME/finalize` changes a namespace's spec.finalizers.
        result.set(old["spec"]?["finalizers"], at: ["spec", "finalizers"])
      }
    }
    if info.tracksGeneration, Self.specChanged(old, result) {
      let generation = (old["metadata"]?["generation"]?.intValue ?? 0) + 1
      result.set(.int(generation), at: ["metadata", "generation"])
    }
    if let deletion = old["metadata"]?["deletionTimestamp"] {
      result.set(deletion, at: ["metadata", "deletionTimestamp"])
    }
    return Self.secretWritten(result, info: info)
  }

  /// Whether the content outside `metadata` and `status` differs.
  static func specChanged(_ old: JSONValue, _ new: JSONValue) -> Bool {
    var left = old.objectValue ?? [:]
    var right = new.objectValue ?? [:]
    for key in ["metadata", "status", "apiVersion", "kind"] {
      left.removeValue(forKey: key)
      right.removeValue(forKey: key)
    }
    return JSONValue.object(left) != JSONValue.object(right)
  }

  /// Whether two versions of an object are the same apart from resourceVersion (a no-op write).
  static func sameContent(_ old: JSONValue, _ new: JSONValue) -> Bool {
    var left = old
    var right = new
    left.set(nil, at: ["metadata", "resourceVersion"])
    right.set(nil, at: ["metadata", "resourceVersion"])
    return left == right
  }

  /// Refuses a write whose `metadata.resourceVersion` is set and stale.
  func checkPrecondition(_ new: JSONValue, current: StoredObject) throws(StatusError) {
    guard let expected = new["metadata"]?["resourceVersion"]?.stringValue, !expected.isEmpty else { return }
    guard expected == String(current.revision) else {
      throw StatusError.conflict(info.groupResource, name: current.key.name)
    }
  }

  /// The finalizers an object still waits for.
  static func finalizers(_ object: JSONValue) -> [String] {
    (object["metadata"]?["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue)
  }

  /// Whether the object is being deleted and waits for nothing more (a namespace also for no
  /// `spec.finalizers`).
  static func readyToVanish(_ object: JSONValue) -> Bool {
    object["metadata"]?["deletionTimestamp"] != nil && finalizers(object).isEmpty
      && NamespaceLifecycle.specFinalizers(object).isEmpty
  }
}
