import AIResources
import ClusterClient
import Foundation
import KubeCore

/// ModelDeployment: validates the artifact (the admission rules, for clusters without our
/// webhook, and that the artifact URI names a store instances can pull from) and reports
/// `phase` and `Available`.
public struct ModelDeploymentReconciler: Reconciler {
  public let resource = ModelDeployment.resource
  /// The stores an instance can pull weights from.
  static let artifactSchemes = ["hf", "s3", "gs", "oci", "pvc", "http", "https", "file"]
  let client: KubeClient

  public init(client: KubeClient) { self.client = client }

  public func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
    let now = LogTimestamp(Date()).rfc3339Seconds
    try await StatusWriter(client: client).update(resource, request.key) { object in
      var status = try Self.status(of: object, now: now)
      status["reconcile"] = object[path: ["status", "reconcile"]]
      status["observedGeneration"] = object[path: ["status", "observedGeneration"]]
      object["status"] = status
    }
    return .done
  }

  /// Every reason the artifact cannot be served.
  static func problems(of object: JSONValue) -> [String] {
    var problems = AIAdmission.validate(kind: "ModelDeployment", object: object, old: nil).map(\.description)
    if let uri = object[path: ["spec", "artifactURI"]]?.stringValue {
      let scheme = uri.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
      if !uri.contains("://") || !artifactSchemes.contains(scheme) {
        problems.append(
          "spec.artifactURI: Invalid value: \"\(uri)\": must be a URI with one of the schemes "
            + artifactSchemes.joined(separator: ", "))
      }
    }
    return problems
  }

  static func status(of object: JSONValue, now: String) throws -> JSONValue {
    let spec = try object.decode(as: ModelDeployment.self).spec
    var status =
      (try? (object["status"] ?? .emptyObject).decode(as: ModelDeployment.Status.self)) ?? ModelDeployment.Status()
    var conditions = status.conditions ?? []
    let problems = problems(of: object)
    let generation = object[path: ["metadata", "generation"]]?.intValue
    if problems.isEmpty {
      let runtime = spec.runtime ?? .vllm
      ConditionList.set(
        "Available", .isTrue, reason: "Validated",
        message: "\(spec.modelName) \(spec.modelVersion) on \(runtime.rawValue), image "
          + (spec.image ?? ServiceClusters.defaultImage(runtime)),
        generation: generation, now: now, in: &conditions)
    } else {
      ConditionList.set(
        "Available", .isFalse, reason: "InvalidSpec", message: problems.joined(separator: "; "), generation: generation,
        now: now, in: &conditions)
    }
    status.phase = problems.isEmpty ? .available : .failed
    status.conditions = conditions
    return try JSONValue(encoding: status)
  }
}
