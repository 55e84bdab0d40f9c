import KubeCore

/// The change-id an edit stamps on an object, and the generation that edit gives the object. A
/// change-id belongs to that generation only: the annotation stays on the object through later
/// edits by other tools, and a reconcile of their generation must not be credited to it.
///
/// The console and the CLI write both annotations in the edit itself, made conditional on the
/// resourceVersion they read, so the generation is exact: kube-apiserver adds one to a custom
/// resource's generation when its spec changes, and nothing when only metadata or status does.
public struct ChangeStamp: Sendable, Hashable {
  /// The annotation that carries the change-id.
  public static let idAnnotation = "ai.aiconsole.dev/change-id"
  /// The annotation that carries the generation the change-id belongs to.
  public static let generationAnnotation = "ai.aiconsole.dev/change-generation"

  /// The change-id.
  public var id: String
  /// The generation the stamped edit gives the object; nil on a stamp that predates it.
  public var generation: Int64?

  /// A stamp.
  public init(id: String, generation: Int64?) {
    self.id = id
    self.generation = generation
  }

  /// The stamp for an edit of `object` (as read, at its generation) that changes the spec or not.
  public init(id: String, editing object: JSONValue, changesSpec: Bool) {
    let generation = object[path: ["metadata", "generation"]]?.intValue ?? 0
    self.init(id: id, generation: generation + (changesSpec ? 1 : 0))
  }

  /// The stamp `object` carries, if any.
  public init?(on object: JSONValue) {
    guard let id = object[path: ["metadata", "annotations", Self.idAnnotation]]?.stringValue else { return nil }
    let generation = object[path: ["metadata", "annotations", Self.generationAnnotation]]?.stringValue
    self.init(id: id, generation: generation.flatMap { Int64($0) })
  }

  /// The two annotations, as a merge patch's `metadata.annotations` members.
  public var annotations: JSONValue {
    [Self.idAnnotation: .string(id), Self.generationAnnotation: generation.map { .string(String($0)) } ?? .null]
  }

  /// Writes the two annotations into `object`.
  public func stamp(_ object: inout JSONValue) {
    object.set(.string(id), at: ["metadata", "annotations", Self.idAnnotation])
    object.set(generation.map { .string(String($0)) }, at: ["metadata", "annotations", Self.generationAnnotation])
  }

  /// The change-id a reconcile of `object`, as it is now, acts on: the stamp's, while the object
  /// is at the stamped generation and that change has not yet settled. A change settles with the
  /// first reconcile of its generation that succeeds; the reconciles after it (an instance came
  /// up, a status moved) act on no change. `status.reconcile.lastChange` remembers which change
  /// acted at which generation, so a change-id written by hand, with no generation, belongs to the
  /// generation it was first acted on.
  public static func acted(on object: JSONValue) -> String? {
    guard let stamp = ChangeStamp(on: object), let generation = object[path: ["metadata", "generation"]]?.intValue
    else { return nil }
    if let stamped = stamp.generation, stamped != generation { return nil }
    let last = object[path: ["status", "reconcile", "lastChange"]]
    guard last?["changeID"]?.stringValue == stamp.id else { return stamp.id }
    let sameGeneration = last?["generation"]?.intValue == generation
    return sameGeneration && last?["result"]?.stringValue != ReconcileState.Result.success.rawValue ? stamp.id : nil
  }
}
