import KubeCore

/// What the six AI kinds have in common, so that informers, reconcilers and views can be generic
/// over them: the standard envelope and the CRD that serves the kind.
public protocol AIObject: Codable, Sendable, Hashable {
  /// The desired state.
  associatedtype Spec: Codable, Sendable, Hashable
  /// The observed state.
  associatedtype Status: AIStatus

  /// The kind's CRD: kind, plural, short names and manifest.
  static var definition: AIKindDefinition { get }

  /// `ai.aiconsole.dev/v1`.
  var apiVersion: String { get set }
  /// The kind, e.g. `AICluster`.
  var kind: String { get set }
  /// Standard object metadata.
  var metadata: ObjectMeta { get set }
  /// The desired state.
  var spec: Spec { get set }
  /// The observed state, absent until the controller first writes it.
  var status: Status? { get set }

  /// An object with this metadata and spec and no status.
  init(metadata: ObjectMeta, spec: Spec)
}

/// The status fields every AI kind carries.
public protocol AIStatus: Codable, Sendable, Hashable {
  /// The `metadata.generation` the status describes.
  var observedGeneration: Int64? { get set }
  /// Standard `metav1.Condition`s.
  var conditions: [Condition]? { get set }
  /// The live state of the last reconcile.
  var reconcile: ReconcileState? { get set }
}

extension AIObject {
  /// The kind's resource, as discovery serves it.
  public static var resource: APIResource { definition.resource }

  /// The condition of `type`, if the status has one.
  public func condition(_ type: String) -> Condition? {
    status?.conditions?.first { $0.type == type }
  }
}
