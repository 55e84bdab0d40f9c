/// The live reconcile state every AI kind reports in `status.reconcile`.
public struct ReconcileState: Codable, Sendable, Hashable {
  /// How the last reconcile ended.
  public enum Result: String, Codable, Sendable, CaseIterable {
    /// The object converged.
    case success = "Success"
    /// The reconcile failed; the work queue retries with backoff.
    case error = "Error"
    /// The reconcile asked to run again later (waiting on instances, a rollout step, ...).
    case requeue = "Requeue"
  }

  /// When the last reconcile finished (RFC 3339).
  public var lastTime: String?
  /// How long it took.
  public var durationMillis: Int64?
  /// How it ended.
  public var result: Result?
  /// What went wrong, or what it is waiting for.
  public var message: String?
  /// The ID of that reconcile, as its log lines carry it.
  public var reconcileID: String?
  /// The `ai.aiconsole.dev/change-id` of the edit it acted on (`ChangeStamp.acted(on:)`), if any.
  public var changeID: String?
  /// The last reconcile that acted on a change: reconciles after it that act on none leave it
  /// as it is, so the change stays paired with the reconcile that carried it out.
  public var lastChange: ChangeRecord?

  /// A change and the reconcile that acted on it.
  public struct ChangeRecord: Codable, Sendable, Hashable {
    /// The change-id.
    public var changeID: String
    /// The generation the change gave the object.
    public var generation: Int64?
    /// That reconcile's ID, result, finishing time and duration.
    public var reconcileID: String?
    public var result: Result?
    public var lastTime: String?
    public var durationMillis: Int64?

    /// The record of `state`, the reconcile that acted on `changeID` at `generation`.
    public init(changeID: String, generation: Int64?, of state: ReconcileState) {
      self.changeID = changeID
      self.generation = generation
      reconcileID = state.reconcileID
      result = state.result
      lastTime = state.lastTime
      durationMillis = state.durationMillis
    }
  }

  /// A reconcile state.
  public init(
    lastTime: String? = nil, durationMillis: Int64? = nil, result: Result? = nil, message: String? = nil,
    reconcileID: String? = nil, changeID: String? = nil
  ) {
    self.lastTime = lastTime
    self.durationMillis = durationMillis
    self.result = result
    self.message = message
    self.reconcileID = reconcileID
    self.changeID = changeID
  }
}
