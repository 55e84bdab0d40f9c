import AIResources

/// The pool that served a request: its InferenceService, whether it was the stable pool or the
/// canary (`spec.canary`), and the ModelDeployment that pool runs. Every request metric carries
/// it, so that any Prometheus can split stable from canary. Empty fields are the ones a request
/// never learned (refused before routing picked a pool, no backend), which Prometheus reads as
/// absent labels.
public struct ServingPool: Sendable, Hashable {
  /// Which of an InferenceService's pools.
  public enum Role: String, Sendable, Hashable {
    case stable
    case canary
  }

  /// The InferenceService's namespace (`service_namespace`).
  public var namespace: String
  /// The InferenceService's name (`inference_service`).
  public var service: String
  /// Stable or canary (`pool`); nil when unknown.
  public var role: Role?
  /// The ModelDeployment the pool runs (`model_deployment`).
  public var modelDeployment: String

  /// A pool, or what is known of it.
  public init(namespace: String = "", service: String = "", role: Role? = nil, modelDeployment: String = "") {
    self.namespace = namespace
    self.service = service
    self.role = role
    self.modelDeployment = modelDeployment
  }

  /// A request that reached no pool.
  public static let none = ServingPool()

  /// `role` of `service`: the stable pool runs `spec.modelRef`, the canary `spec.canary.modelRef`.
  init(_ service: InferenceService, role: Role) {
    self.init(
      namespace: service.metadata.namespace ?? "default", service: service.metadata.name ?? "", role: role,
      modelDeployment: role == .canary
        ? service.spec.canary?.modelRef.name ?? "" : service.spec.modelRef.name)
  }

  /// The metrics' label names, in the order `labelValues` gives them.
  public static let labelNames = ["service_namespace", "inference_service", "pool", "model_deployment"]

  /// The label values, in the order of `labelNames`.
  public var labelValues: [String] { [namespace, service, role?.rawValue ?? "", modelDeployment] }

  /// The labels as name–value pairs.
  var labels: [(String, String)] { Array(zip(Self.labelNames, labelValues)) }
}
