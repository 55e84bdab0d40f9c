/// Standard object metadata (`metav1.ObjectMeta`), the fields clients read and write.
public struct ObjectMeta: Codable, Sendable, Hashable {
  public var name: String?
  public var generateName: String?
  public var namespace: String?
  public var uid: String?
  public var resourceVersion: String?
  public var generation: Int64?
  public var creationTimestamp: String?
  public var deletionTimestamp: String?
  public var labels: [String: String]?
  public var annotations: [String: String]?
  public var ownerReferences: [OwnerReference]?
  public var finalizers: [String]?

  /// Metadata naming an object, optionally in a namespace.
  public init(
    name: String? = nil, namespace: String? = nil, labels: [String: String]? = nil,
    annotations: [String: String]? = nil
  ) {
    self.name = name
    self.namespace = namespace
    self.labels = labels
    self.annotations = annotations
  }
}

/// A reference from a dependent object to its owner, used by garbage collection.
public struct OwnerReference: Codable, Sendable, Hashable {
  public var apiVersion: String
  public var kind: String
  public var name: String
  public var uid: String
  public var controller: Bool?
  public var blockOwnerDeletion: Bool?

  /// A reference to the owner with these identifiers.
  public init(
    apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil,
    blockOwnerDeletion: Bool? = nil
  ) {
    self.apiVersion = apiVersion
    self.kind = kind
    self.name = name
    self.uid = uid
    self.controller = controller
    self.blockOwnerDeletion = blockOwnerDeletion
  }
}

/// A standard status condition (`metav1.Condition`).
public struct Condition: Codable, Sendable, Hashable {
  /// `True`, `False` or `Unknown`.
  public enum Status: String, Codable, Sendable {
    case isTrue = "True"
    case isFalse = "False"
    case unknown = "Unknown"
  }

  public var type: String
  public var status: Status
  public var observedGeneration: Int64?
  public var lastTransitionTime: String
  public var reason: String
  public var message: String

  /// A condition as controllers report it.
  public init(
    type: String, status: Status, observedGeneration: Int64? = nil, lastTransitionTime: String,
    reason: String, message: String
  ) {
    self.type = type
    self.status = status
    self.observedGeneration = observedGeneration
    self.lastTransitionTime = lastTransitionTime
    self.reason = reason
    self.message = message
  }
}
