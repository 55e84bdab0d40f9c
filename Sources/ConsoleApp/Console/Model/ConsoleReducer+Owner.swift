import KubeCore
import Views

extension ConsoleReducer {
  /// When `object`'s controller sets what `action` would change (an AICluster an
  /// InferenceService owns), refuses it and offers the same operation on the controller, one key
  /// away; says why when the controller cannot be acted on from here. Returns whether it did.
  static func offerOwner(
    _ action: ConsoleAction, _ ref: ObjectIdentity, _ object: JSONValue, _ state: inout ConsoleState
  ) -> Bool {
    let owned: ControllingOwner.OwnedAction
    switch action {
    case .scale: owned = .scale
    case .rollback: owned = .rollback
    default: return false
    }
    guard let owner = ControllingOwner(of: object) else { return false }
    let target = ref.target
    guard owner.canActInstead(owned), let ownerRef = ownerRef(owner, namespace: ref.namespace, state) else {
      flash(&state, owner.refusal(owned, target: target).message, .flashWarn)
      return true
    }
    let verb = owned == .scale ? "Scale" : "Roll back"
    let dialog = ConfirmDialog(
      title: "\(ref.description) is controlled by \(owner.kind) \(owner.name)",
      message:
        "Its owner's \(owner.winningField(for: owned)) wins: the next reconcile of \(ownerRef.description) would "
        + "undo it. \(verb) \(ownerRef.description) instead?",
      confirmLabel: "\(verb) \(owner.kind)", cancelLabel: "Cancel")
    state.mode = .confirm(dialog, .onOwner(action, ownerRef))
    return true
  }

  /// The owner as the console caches it, when it does.
  private static func ownerRef(_ owner: ControllingOwner, namespace: String, _ state: ConsoleState)
    -> ObjectIdentity?
  {
    guard let resource = owner.operationKind.flatMap({ state.store.served($0.resource) }),
      state.store.object(resource, namespace: namespace, name: owner.name) != nil
    else { return nil }
    return ObjectIdentity(resource, namespace: namespace, name: owner.name)
  }

  /// Opens `action` on the owner the operator chose instead.
  static func openOnOwner(_ action: ConsoleAction, _ owner: ObjectIdentity, _ state: inout ConsoleState) {
    guard let (resource, object) = state.object(owner) else {
      flash(&state, "\(owner.description) is gone", .flashWarn)
      return
    }
    beginOperation(action, on: resource, object, &state)
  }
}
