import KubeCore

/// A served endpoint for one model, with an optional canary (`infsvc`), with the scale subresource.
public struct InferenceService: AIObject {
  /// The desired endpoint.
  public struct Spec: Codable, Sendable, Hashable {
    /// Autoscaling bounds and targets; exclusive with `replicas`.
    public struct Scaling: Codable, Sendable, Hashable {
      /// The fewest instances (default 1).
      public var minReplicas: Int?
      /// The most instances.
      public var maxReplicas: Int?
      /// The GPU utilization to hold, in percent.
      public var targetGPUUtilization: Int?
      /// The generated tokens per second per instance to hold.
      public var targetTokensPerSecond: Int?

      /// Scaling bounds.
      public init(
        minReplicas: Int? = nil, maxReplicas: Int? = nil, targetGPUUtilization: Int? = nil,
        targetTokensPerSecond: Int? = nil
      ) {
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.targetGPUUtilization = targetGPUUtilization
        self.targetTokensPerSecond = targetTokensPerSecond
      }
    }

    /// The hardware each instance needs; CPU and memory are quantities (numbers decode as strings).
    public struct HardwareProfile: Codable, Sendable, Hashable {
      /// CPU, e.g. `"4"`.
      public var cpu: String?
      /// Memory, e.g. `"32Gi"`.
      public var memory: String?
      /// Whole GPUs.
      public var gpu: Int?
      /// The GPU model, e.g. `nvidia-h100`.
      public var gpuType: String?

      /// A hardware profile.
      public init(cpu: String? = nil, memory: String? = nil, gpu: Int? = nil, gpuType: String? = nil) {
        self.cpu = cpu
        self.memory = memory
        self.gpu = gpu
        self.gpuType = gpuType
      }

      /// Decodes a profile, accepting quantities written as numbers.
      public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cpu = try container.decodeQuantityIfPresent(forKey: .cpu)
        memory = try container.decodeQuantityIfPresent(forKey: .memory)
        gpu = try container.decodeIfPresent(Int.self, forKey: .gpu)
        gpuType = try container.decodeIfPresent(String.self, forKey: .gpuType)
      }
    }

    /// Where the endpoint listens.
    public struct EndpointConfig: Codable, Sendable, Hashable {
      /// The port (default 8000).
      public var port: Int?
      /// The host name it is published under.
      public var hostname: String?

      /// An endpoint configuration.
      public init(port: Int? = nil, hostname: String? = nil) {
        self.port = port
        self.hostname = hostname
      }
    }

    /// A second model taking a share of the traffic.
    public struct Canary: Codable, Sendable, Hashable {
      /// The canary's ModelDeployment.
      public var modelRef: ObjectReference
      /// The share of requests it takes, in percent (default 10).
      public var trafficPercent: Int?
      /// Progressive delivery: traffic steps the controller takes, judging the canary at each.
      public var analysis: Analysis?

      /// A canary.
      public init(modelRef: ObjectReference, trafficPercent: Int? = nil, analysis: Analysis? = nil) {
        self.modelRef = modelRef
        self.trafficPercent = trafficPercent
        self.analysis = analysis
      }
    }

    /// The ModelDeployment served; setting it back to an earlier one is a rollback.
    public var modelRef: ObjectReference
    /// A fixed number of instances; exclusive with `scaling`.
    public var replicas: Int?
    /// Autoscaling; exclusive with `replicas`.
    public var scaling: Scaling?
    /// The hardware each instance needs.
    public var hardwareProfile: HardwareProfile?
    /// Where the endpoint listens.
    public var endpointConfig: EndpointConfig?
    /// A canary model.
    public var canary: Canary?
    /// The ModelContextSchema requests must satisfy.
    public var contextSchemaRef: ObjectReference?

    /// A spec serving `modelRef`.
    public init(
      modelRef: ObjectReference, replicas: Int? = nil, scaling: Scaling? = nil,
      hardwareProfile: HardwareProfile? = nil, endpointConfig: EndpointConfig? = nil, canary: Canary? = nil,
      contextSchemaRef: ObjectReference? = nil
    ) {
      self.modelRef = modelRef
      self.replicas = replicas
      self.scaling = scaling
      self.hardwareProfile = hardwareProfile
      self.endpointConfig = endpointConfig
      self.canary = canary
      self.contextSchemaRef = contextSchemaRef
    }
  }

  /// The InferenceService CRD.
  public static var definition: AIKindDefinition { InferenceServiceCRD.definition }

  /// `ai.aiconsole.dev/v1`.
  public var apiVersion: String = AIKinds.apiVersion
  /// `InferenceService`.
  public var kind: String = "InferenceService"
  /// Standard object metadata.
  public var metadata: ObjectMeta
  /// The desired endpoint.
  public var spec: Spec
  /// What the controller observed.
  public var status: Status?

  /// An InferenceService.
  public init(metadata: ObjectMeta, spec: Spec) {
    self.metadata = metadata
    self.spec = spec
  }
}
