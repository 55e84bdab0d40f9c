import KubeCore

/// Sets `metav1.Condition`s in a status the way controllers must: one per type, and
/// `lastTransitionTime` kept unless the status really changes, so an age on screen means
/// "since it became so", not "since the last reconcile".
public enum ConditionList {
  public static func set(
    _ type: String, _ status: Condition.Status, reason: String, message: String, generation: Int64?,
    now: String, in conditions: inout [Condition]
  ) {
    let since = conditions.first { $0.type == type && $0.status == status }?.lastTransitionTime ?? now
    let condition = Condition(
      type: type, status: status, observedGeneration: generation, lastTransitionTime: since, reason: reason,
      message: message)
    if let index = conditions.firstIndex(where: { $0.type == type }) {
      conditions[index] = condition
    } else {
      conditions.append(condition)
    }
  }
}
