import ClusterClient
import KubeCore

/// The instance pods of every AICluster and the AIClusters of every owner, indexed once per list
/// update, so the tokens/s and GPU columns of thousands of rows cost a lookup each.
struct InstanceIndex {
  /// Pod names by `namespace/cluster`.
  private var podsByCluster: [String: [String]] = [:]
  /// `namespace/cluster` keys by owner uid.
  private var clustersByOwner: [String: [String]] = [:]

  init(_ store: ResourceStore) {
    for pod in store.related("Pod") {
      guard let namespace = pod[path: ["metadata", "namespace"]]?.stringValue,
        let name = pod[path: ["metadata", "name"]]?.stringValue,
        let cluster = pod[path: ["metadata", "labels", "ai.aiconsole.dev/cluster"]]?.stringValue
      else { continue }
      podsByCluster["\(namespace)/\(cluster)", default: []].append(name)
    }
    guard let clusters = store.resource(kind: "AICluster") else { return }
    for cluster in store.objects(of: clusters) {
      for owner in cluster[path: ["metadata", "ownerReferences"]]?.arrayValue ?? [] {
        if let uid = owner["uid"]?.stringValue { clustersByOwner[uid, default: []].append(ResourceStore.key(cluster)) }
      }
    }
  }

  /// `(namespace, pod)` of the instances behind an AICluster or an InferenceService.
  func pods(_ resource: APIResource, _ object: JSONValue) -> [(namespace: String, pod: String)] {
    let namespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
    let clusterKeys: [String]
    switch resource.kind {
    case "AICluster": clusterKeys = [ResourceStore.key(object)]
    case "InferenceService": clusterKeys = clustersByOwner[object[path: ["metadata", "uid"]]?.stringValue ?? ""] ?? []
    default: return []
    }
    return clusterKeys.flatMap { podsByCluster[$0] ?? [] }.map { (namespace, $0) }
  }

  /// Tokens per second the object serves: its pods' vLLM counters, else its model's at the gateway.
  func tokensPerSecond(_ resource: APIResource, _ object: JSONValue, _ board: MetricsBoard) -> Double? {
    if resource.kind == "AIModelRoute" {
      return object[path: ["spec", "model"]]?.stringValue.flatMap { board.tokensPerSecond(model: $0) }
    }
    let rates = pods(resource, object).compactMap { board.tokensPerSecond(namespace: $0.namespace, pod: $0.pod) }
    return rates.isEmpty ? nil : rates.reduce(0, +)
  }

  /// Mean GPU utilisation of the object's pods.
  func gpuPercent(_ resource: APIResource, _ object: JSONValue, _ board: MetricsBoard) -> Double? {
    let values = pods(resource, object).compactMap { board.gpuUtilisation(namespace: $0.namespace, pod: $0.pod) }
    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }
}
