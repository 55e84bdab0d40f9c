import KubeCore

/// A versioned model artifact and how to run it (`mdep`).
public struct ModelDeployment: AIObject {
  /// The artifact and its runtime.
  public struct Spec: Codable, Sendable, Hashable {
    /// The serving runtime.
    public enum Runtime: String, Codable, Sendable, CaseIterable {
      /// vLLM (the default).
      case vllm
      /// Hugging Face Text Generation Inference.
      case tgi
      /// NVIDIA Triton.
      case triton
      /// Anything else; needs an image.
      case custom
    }

    /// How the simulated fleet behaves for this model (ignored on a real cluster).
    public struct Simulation: Codable, Sendable, Hashable {
      /// How a simulated instance fails.
      public enum FailureMode: String, Codable, Sendable, CaseIterable {
        /// It does not.
        case none
        /// It crashes after starting, again and again.
        case crashloop
        /// It is killed for memory under load.
        case oom
        /// It serves at a tenth of its speed.
        case slow
      }

      /// Seconds from start to ready (default 5).
      public var startupSeconds: Int?
      /// Generation speed per GPU (default 1200).
      public var tokensPerSecondPerGPU: Int?
      /// How instances fail (default none).
      public var failureMode: FailureMode?

      /// A simulation profile.
      public init(startupSeconds: Int? = nil, tokensPerSecondPerGPU: Int? = nil, failureMode: FailureMode? = nil) {
        self.startupSeconds = startupSeconds
        self.tokensPerSecondPerGPU = tokensPerSecondPerGPU
        self.failureMode = failureMode
      }
    }

    /// The model's name as clients know it.
    public var modelName: String
    /// The artifact's version (immutable: a new version is a new ModelDeployment).
    public var modelVersion: String
    /// The serving container image.
    public var image: String?
    /// Where the weights live, e.g. `hf://org/model` or `s3://bucket/path`.
    public var artifactURI: String?
    /// The serving runtime (default vllm).
    public var runtime: Runtime?
    /// Environment variables of the serving container.
    public var env: [String: String]?
    /// What each instance requests.
    public var resources: ResourceRequests?
    /// Simulated-fleet behaviour.
    public var simulation: Simulation?

    /// A spec for a model version.
    public init(
      modelName: String, modelVersion: String, image: String? = nil, artifactURI: String? = nil,
      runtime: Runtime? = nil, env: [String: String]? = nil, resources: ResourceRequests? = nil,
      simulation: Simulation? = nil
    ) {
      self.modelName = modelName
      self.modelVersion = modelVersion
      self.image = image
      self.artifactURI = artifactURI
      self.runtime = runtime
      self.env = env
      self.resources = resources
      self.simulation = simulation
    }
  }

  /// Whether the artifact is usable.
  public struct Status: AIStatus {
    /// The artifact's lifecycle phase.
    public enum Phase: String, Codable, Sendable, CaseIterable {
      /// Not yet checked.
      case pending = "Pending"
      /// Usable by InferenceServices.
      case available = "Available"
      /// Not usable; see the `Available` condition.
      case failed = "Failed"
    }

    /// The lifecycle phase.
    public var phase: Phase?
    /// The generation this status describes.
    public var observedGeneration: Int64?
    /// `Available`.
    public var conditions: [Condition]?
    /// The live state of the last reconcile.
    public var reconcile: ReconcileState?

    /// A status.
    public init(
      phase: Phase? = nil, observedGeneration: Int64? = nil, conditions: [Condition]? = nil,
      reconcile: ReconcileState? = nil
    ) {
      self.phase = phase
      self.observedGeneration = observedGeneration
      self.conditions = conditions
      self.reconcile = reconcile
    }
  }

  /// The ModelDeployment CRD.
  public static var definition: AIKindDefinition { ModelDeploymentCRD.definition }

  /// `ai.aiconsole.dev/v1`.
  public var apiVersion: String = AIKinds.apiVersion
  /// `ModelDeployment`.
  public var kind: String = "ModelDeployment"
  /// Standard object metadata.
  public var metadata: ObjectMeta
  /// The artifact and its runtime.
  public var spec: Spec
  /// Whether the artifact is usable.
  public var status: Status?

  /// A ModelDeployment.
  public init(metadata: ObjectMeta, spec: Spec) {
    self.metadata = metadata
    self.spec = spec
  }
}
