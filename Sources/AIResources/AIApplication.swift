import KubeCore

/// Services and routes grouped into one application (`aiapp`).
public struct AIApplication: AIObject {
  /// What the application is made of.
  public struct Spec: Codable, Sendable, Hashable {
    /// Service-level objectives the health is judged by.
    public struct Monitoring: Codable, Sendable, Hashable {
      /// The p99 latency objective.
      public var latencyP99Millis: Int?
      /// The error-rate objective, in percent.
      public var errorRatePercent: Double?
      /// The window the error budget is counted over (`DurationText`, default `30d`).
      public var window: String?

      /// The window when none is given.
      public static let defaultWindow = "30d"

      /// Objectives.
      public init(latencyP99Millis: Int? = nil, errorRatePercent: Double? = nil, window: String? = nil) {
        self.latencyP99Millis = latencyP99Millis
        self.errorRatePercent = errorRatePercent
        self.window = window
      }
    }

    /// The InferenceServices.
    public var services: [ObjectReference]?
    /// The AIModelRoutes.
    public var routes: [ObjectReference]?
    /// The data pipeline feeding the application, if any.
    public var dataPipelineRef: ObjectReference?
    /// Service-level objectives.
    public var monitoring: Monitoring?

    /// An application spec.
    public init(
      services: [ObjectReference]? = nil, routes: [ObjectReference]? = nil, dataPipelineRef: ObjectReference? = nil,
      monitoring: Monitoring? = nil
    ) {
      self.services = services
      self.routes = routes
      self.dataPipelineRef = dataPipelineRef
      self.monitoring = monitoring
    }
  }

  /// The application's health.
  public struct Status: AIStatus {
    /// The application's overall health.
    public enum Health: String, Codable, Sendable, CaseIterable {
      /// Every service ready and within its objectives.
      case healthy = "Healthy"
      /// Serving, but a service is not ready or an objective is missed.
      case degraded = "Degraded"
      /// Not serving.
      case unhealthy = "Unhealthy"
      /// Not yet known.
      case unknown = "Unknown"
    }

    /// One service's state.
    public struct ServiceStatus: Codable, Sendable, Hashable {
      /// The InferenceService's name.
      public var name: String?
      /// Whether it is ready.
      public var ready: Bool?
      /// Why not, when it is not.
      public var message: String?

      /// A service status.
      public init(name: String? = nil, ready: Bool? = nil, message: String? = nil) {
        self.name = name
        self.ready = ready
        self.message = message
      }
    }

    /// The overall health.
    public var health: Health?
    /// Each service's state.
    public var services: [ServiceStatus]?
    /// The generation this status describes.
    public var observedGeneration: Int64?
    /// `Ready`, `SLOBreached`.
    public var conditions: [Condition]?
    /// The live state of the last reconcile.
    public var reconcile: ReconcileState?
    /// How the objectives of `spec.monitoring` are met, as the controller last measured them.
    public var slo: SLO?

    /// A status.
    public init(
      health: Health? = nil, services: [ServiceStatus]? = nil, observedGeneration: Int64? = nil,
      conditions: [Condition]? = nil, reconcile: ReconcileState? = nil, slo: SLO? = nil
    ) {
      self.health = health
      self.services = services
      self.observedGeneration = observedGeneration
      self.conditions = conditions
      self.reconcile = reconcile
      self.slo = slo
    }
  }

  /// The AIApplication CRD.
  public static var definition: AIKindDefinition { AIApplicationCRD.definition }

  /// `ai.aiconsole.dev/v1`.
  public var apiVersion: String = AIKinds.apiVersion
  /// `AIApplication`.
  public var kind: String = "AIApplication"
  /// Standard object metadata.
  public var metadata: ObjectMeta
  /// What the application is made of.
  public var spec: Spec
  /// The application's health.
  public var status: Status?

  /// An AIApplication.
  public init(metadata: ObjectMeta, spec: Spec) {
    self.metadata = metadata
    self.spec = spec
  }
}
