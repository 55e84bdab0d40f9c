import KubeCore

extension InferenceService {
  /// What the controller observed.
  public struct Status: AIStatus {
    /// The state of the served model.
    public enum ModelStatus: String, Codable, Sendable, CaseIterable {
      /// Instances are starting or loading weights.
      case loading = "Loading"
      /// The model serves.
      case ready = "Ready"
      /// The model does not serve; see the conditions.
      case unhealthy = "Unhealthy"
    }

    /// The canary's state.
    public struct CanaryStatus: Codable, Sendable, Hashable {
      /// Ready canary instances.
      public var readyReplicas: Int?
      /// The share of traffic it takes now.
      public var trafficPercent: Int?
      /// Where the analysis of `spec.canary.analysis` stands; kept after the canary goes, as
      /// the verdict that promoted or aborted it.
      public var analysis: AnalysisStatus?

      /// A canary status.
      public init(readyReplicas: Int? = nil, trafficPercent: Int? = nil, analysis: AnalysisStatus? = nil) {
        self.readyReplicas = readyReplicas
        self.trafficPercent = trafficPercent
        self.analysis = analysis
      }
    }

    /// Instances that exist (the scale subresource's status replicas).
    public var currentReplicas: Int?
    /// Instances that are ready.
    public var readyReplicas: Int?
    /// Where clients reach the endpoint.
    public var endpointURL: String?
    /// The label selector of the instances, for the scale subresource.
    public var selector: String?
    /// The state of the served model.
    public var modelStatus: ModelStatus?
    /// The canary's state.
    public var canary: CanaryStatus?
    /// The generation this status describes.
    public var observedGeneration: Int64?
    /// `Ready`, `Progressing`, `CanaryReady`, `Degraded`, `CanaryAborted`.
    public var conditions: [Condition]?
    /// The live state of the last reconcile.
    public var reconcile: ReconcileState?

    /// A status.
    public init(
      currentReplicas: Int? = nil, readyReplicas: Int? = nil, endpointURL: String? = nil, selector: String? = nil,
      modelStatus: ModelStatus? = nil, canary: CanaryStatus? = nil, observedGeneration: Int64? = nil,
      conditions: [Condition]? = nil, reconcile: ReconcileState? = nil
    ) {
      self.currentReplicas = currentReplicas
      self.readyReplicas = readyReplicas
      self.endpointURL = endpointURL
      self.selector = selector
      self.modelStatus = modelStatus
      self.canary = canary
      self.observedGeneration = observedGeneration
      self.conditions = conditions
      self.reconcile = reconcile
    }
  }
}
