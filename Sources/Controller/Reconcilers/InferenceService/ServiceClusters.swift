import AIResources
import KubeCore

/// The AIClusters an InferenceService owns, as pure functions of the service and its models: the
/// stable pool named after the service, and, while a canary is set, `<name>-canary` running the
/// canary's model at a share of the size that matches its share of traffic.
enum ServiceClusters {
  static let serviceLabel = "ai.aiconsole.dev/inferenceservice"
  static let roleLabel = "ai.aiconsole.dev/role"

  static func stableName(_ service: InferenceService) -> String { service.metadata.name ?? "" }
  static func canaryName(_ service: InferenceService) -> String { "\(service.metadata.name ?? "")-canary" }

  /// The canary's size: its traffic share of the stable size, at least one instance.
  static func canaryReplicas(stable: Int, percent: Int) -> Int {
    max(1, Int((Double(stable) * Double(percent) / 100).rounded(.up)))
  }

  /// The AICluster spec that serves `model` for `service`.
  static func spec(for service: InferenceService, model: ModelDeployment, replicas: Int) -> AICluster.Spec {
    let profile = service.spec.hardwareProfile
    let resources = ResourceRequests(
      cpu: profile?.cpu ?? model.spec.resources?.cpu, memory: profile?.memory ?? model.spec.resources?.memory,
      gpu: profile?.gpu ?? model.spec.resources?.gpu)
    let endpoint = AICluster.Spec.Endpoint(
      type: nil, port: service.spec.endpointConfig?.port, hostname: nil)
    return AICluster.Spec(
      modelName: model.spec.modelName, modelVersion: model.spec.modelVersion,
      image: model.spec.image ?? defaultImage(model.spec.runtime ?? .vllm), replicas: replicas,
      resourceRequests: resources, endpoint: endpoint)
  }

  /// The AICluster object for `service` in `role` (stable or canary).
  static func cluster(
    named name: String, role: String, for service: InferenceService, spec: AICluster.Spec, changeID: String?
  ) throws -> JSONValue {
    var metadata = ObjectMeta(
      name: name, namespace: service.metadata.namespace,
      labels: [serviceLabel: service.metadata.name ?? "", roleLabel: role])
    metadata.ownerReferences = [
      OwnerReference(
        apiVersion: service.apiVersion, kind: "InferenceService", name: service.metadata.name ?? "",
        uid: service.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)
    ]
    if let changeID {
      // A created object starts at generation 1.
      metadata.annotations = [ChangeStamp.idAnnotation: changeID, ChangeStamp.generationAnnotation: "1"]
    }
    return try JSONValue(encoding: AICluster(metadata: metadata, spec: spec))
  }

  static func defaultImage(_ runtime: ModelDeployment.Spec.Runtime) -> String {
    switch runtime {
    case .vllm, .custom: InstanceTemplate.defaultImage
    case .tgi: "ghcr.io/huggingface/text-generation-inference:3.0"
    case .triton: "nvcr.io/nvidia/tritonserver:25.01-trtllm-python-py3"
    }
  }
}
