import KubeCore

/// A pool of identical model instances (`aic`), with the scale subresource.
public struct AICluster: AIObject {
  /// The desired pool.
  public struct Spec: Codable, Sendable, Hashable {
    /// How instances are reached.
    public struct Endpoint: Codable, Sendable, Hashable {
      /// The Service type in front of the instances.
      public enum ServiceType: String, Codable, Sendable, CaseIterable {
        /// Reachable inside the cluster.
        case clusterIP = "ClusterIP"
        /// Reachable on every node's port.
        case nodePort = "NodePort"
        /// Reachable through a load balancer.
        case loadBalancer = "LoadBalancer"
      }

      /// The Service type (default ClusterIP).
      public var type: ServiceType?
      /// The port instances listen on (default 8000).
      public var port: Int?
      /// The host name the endpoint is published under.
      public var hostname: String?

      /// An endpoint.
      public init(type: ServiceType? = nil, port: Int? = nil, hostname: String? = nil) {
        self.type = type
        self.port = port
        self.hostname = hostname
      }
    }

    /// How many instances (0...1000, default 1).
    public var replicas: Int?
    /// The model the instances serve.
    public var modelName: String
    /// The model's version.
    public var modelVersion: String?
    /// The container image of an instance.
    public var image: String?
    /// What each instance requests.
    public var resourceRequests: ResourceRequests?
    /// How instances are reached.
    public var endpoint: Endpoint?
    /// How many old ControllerRevisions to keep (default 10).
    public var revisionHistoryLimit: Int?
    /// Whether rollouts are paused.
    public var paused: Bool?

    /// A spec for a model.
    public init(
      modelName: String, modelVersion: String? = nil, image: String? = nil, replicas: Int? = nil,
      resourceRequests: ResourceRequests? = nil, endpoint: Endpoint? = nil, revisionHistoryLimit: Int? = nil,
      paused: Bool? = nil
    ) {
      self.modelName = modelName
      self.modelVersion = modelVersion
      self.image = image
      self.replicas = replicas
      self.resourceRequests = resourceRequests
      self.endpoint = endpoint
      self.revisionHistoryLimit = revisionHistoryLimit
      self.paused = paused
    }
  }

  /// What the controller observed.
  public struct Status: AIStatus {
    /// How many instances exist.
    public var replicas: Int?
    /// How many instances are ready.
    public var activeInstances: Int?
    /// Where clients reach the pool.
    public var endpointURL: String?
    /// The ControllerRevision of the current instance template.
    public var currentRevision: String?
    /// The label selector of the instances, for the scale subresource.
    public var selector: String?
    /// The generation this status describes.
    public var observedGeneration: Int64?
    /// `Ready`, `Progressing`, `Degraded`.
    public var conditions: [Condition]?
    /// The live state of the last reconcile.
    public var reconcile: ReconcileState?

    /// A status.
    public init(
      replicas: Int? = nil, activeInstances: Int? = nil, endpointURL: String? = nil, currentRevision: String? = nil,
      selector: String? = nil, observedGeneration: Int64? = nil, conditions: [Condition]? = nil,
      reconcile: ReconcileState? = nil
    ) {
      self.replicas = replicas
      self.activeInstances = activeInstances
      self.endpointURL = endpointURL
      self.currentRevision = currentRevision
      self.selector = selector
      self.observedGeneration = observedGeneration
      self.conditions = conditions
      self.reconcile = reconcile
    }
  }

  /// The AICluster CRD.
  public static var definition: AIKindDefinition { AIClusterCRD.definition }

  /// `ai.aiconsole.dev/v1`.
  public var apiVersion: String = AIKinds.apiVersion
  /// `AICluster`.
  public var kind: String = "AICluster"
  /// Standard object metadata.
  public var metadata: ObjectMeta
  /// The desired pool.
  public var spec: Spec
  /// What the controller observed.
  public var status: Status?

  /// An AICluster.
  public init(metadata: ObjectMeta, spec: Spec) {
    self.metadata = metadata
    self.spec = spec
  }
}
