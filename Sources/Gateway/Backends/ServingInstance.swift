import AIResources

/// A Ready model instance the gateway can send requests to: one Pod of an AICluster that an
/// InferenceService owns.
public struct ServingInstance: Sendable, Hashable {
  /// How the instance is reached.
  public enum Kind: String, Sendable, Hashable {
    /// A Pod of the simulated fleet: the gateway plays its model server in-process.
    case simulated
    /// A real Pod: its OpenAI-compatible server is reached over HTTP at `podIP:port`.
    case http
  }

  public var kind: Kind
  public var namespace: String
  /// The Pod's name.
  public var pod: String
  /// The AICluster it belongs to.
  public var cluster: String
  /// The Node it runs on.
  public var node: String
  public var podIP: String
  public var port: Int
  /// `spec.modelName` / `spec.modelVersion` of its AICluster (`model_name` in vLLM's metrics).
  public var modelName: String
  public var modelVersion: String
  /// Whole GPUs it holds (at least one for a simulated instance, which always runs on a GPU).
  public var gpus: Int
  /// The simulation profile its Pod carries (simulated instances only).
  public var simulation: ModelDeployment.Spec.Simulation?

  public init(
    kind: Kind, namespace: String, pod: String, cluster: String, node: String, podIP: String, port: Int,
    modelName: String, modelVersion: String, gpus: Int, simulation: ModelDeployment.Spec.Simulation? = nil
  ) {
    self.kind = kind
    self.namespace = namespace
    self.pod = pod
    self.cluster = cluster
    self.node = node
    self.podIP = podIP
    self.port = port
    self.modelName = modelName
    self.modelVersion = modelVersion
    self.gpus = gpus
    self.simulation = simulation
  }
}
