import KubeCore

/// The controller an object answers to: its owner reference with `controller: true`. An edit of
/// a field the owner sets is reverted by the owner's next reconcile (an AICluster an
/// InferenceService owns is sized and versioned from the service), so the console and the CLI
/// refuse scale and rollback on such an object and name the owner and the field that wins.
struct ControllingOwner: Sendable, Hashable {
  /// The owner's kind (`InferenceService`).
  var kind: String
  /// The owner's name, in the owned object's namespace.
  var name: String
  /// Whether the owned object is the owner's canary pool (`ai.aiconsole.dev/role: canary`).
  var ownsCanary: Bool

  /// The controlling owner of `object`, or nil when nothing controls it.
  init?(of object: JSONValue) {
    let references = object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
    guard let controller = references.first(where: { $0["controller"]?.boolValue == true }),
      let kind = controller["kind"]?.stringValue, let name = controller["name"]?.stringValue
    else { return nil }
    self.kind = kind
    self.name = name
    ownsCanary = object[path: ["metadata", "labels", "ai.aiconsole.dev/role"]]?.stringValue == "canary"
  }

  /// The owner as an operation's kind, when it is one the operations act on.
  var operationKind: OperationKind? { OperationKind(rawValue: kind) }

  /// Whether the same action on the owner does what the operator meant: the owner is a kind the
  /// operations act on, and for a canary pool only scaling (rolling the owner back moves its
  /// stable model, not the canary's).
  func canActInstead(_ action: OwnedAction) -> Bool {
    operationKind != nil && (!ownsCanary || action == .scale)
  }

  /// `inferenceservice/assistant`.
  var target: String { "\(kind.lowercased())/\(name)" }

  /// The owner's fields that decide what `action` would change on the owned object.
  func winningField(for action: OwnedAction) -> String {
    guard kind == OperationKind.inferenceService.rawValue else { return "spec" }
    switch (action, ownsCanary) {
    case (.scale, false): return "spec.replicas (or spec.scaling)"
    case (.scale, true): return "spec.replicas and spec.canary.trafficPercent"
    case (.rollback, false): return "spec.modelRef"
    case (.rollback, true): return "spec.canary.modelRef"
    }
  }

  /// The operations an owner overrides.
  enum OwnedAction: String, Sendable {
    case scale
    case rollback = "roll back"
  }

  /// Why `action` on `target` (`aicluster/assistant`) is refused, with what to do instead.
  func refusal(_ action: OwnedAction, target: String) -> OperationError {
    var message =
      "cannot \(action.rawValue) \(target): it is controlled by \(self.target), whose "
      + "\(winningField(for: action)) wins, so the change would be reverted by its next reconcile"
    if canActInstead(action) {
      message += "; \(action.rawValue) \(self.target) instead"
    } else {
      message += "; edit \(self.target) instead"
    }
    return OperationError(.ownedByController, message, owner: self)
  }

  /// Throws the refusal when `object` has a controlling owner.
  static func refuse(_ action: OwnedAction, _ object: JSONValue, target: String) throws(OperationError) {
    if let owner = ControllingOwner(of: object) { throw owner.refusal(action, target: target) }
  }
}
