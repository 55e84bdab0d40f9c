import AIResources
import ClusterClient
import Foundation
import KubeCore

/// ModelContextSchema: checks that field names are unique and regexes compile (the rules the
/// embedded server's admission applies, which a real cluster without our webhook does not), and
/// reports `Valid` and `ready`.
public struct ModelContextSchemaReconciler: Reconciler {
  public let resource = ModelContextSchema.resource
  let client: KubeClient

  public init(client: KubeClient) { self.client = client }

  public func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
    let now = LogTimestamp(Date()).rfc3339Seconds
    try await StatusWriter(client: client).update(resource, request.key) { object in
      object["status"] = try Self.status(of: object, now: now)
    }
    return .done
  }

  /// The status `object` should have: `Valid` with every rule it breaks, `ready` when valid.
  static func status(of object: JSONValue, now: String) throws -> JSONValue {
    let errors = AIAdmission.validate(kind: "ModelContextSchema", object: object, old: nil)
    var status =
      (try? (object["status"] ?? .emptyObject).decode(as: ModelContextSchema.Status.self))
      ?? ModelContextSchema.Status()
    var conditions = status.conditions ?? []
    let generation = object[path: ["metadata", "generation"]]?.intValue
    if errors.isEmpty {
      let count = object[path: ["spec", "contextFields"]]?.arrayValue?.count ?? 0
      ConditionList.set(
        "Valid", .isTrue, reason: "SchemaValid", message: "\(count) context field(s) accepted", generation: generation,
        now: now, in: &conditions)
    } else {
      ConditionList.set(
        "Valid", .isFalse, reason: "SchemaInvalid", message: errors.map(\.description).joined(separator: "; "),
        generation: generation, now: now, in: &conditions)
    }
    if status.ready != errors.isEmpty || status.lastUpdated == nil { status.lastUpdated = now }
    status.ready = errors.isEmpty
    status.conditions = conditions
    return try JSONParser.parse(Array(JSONEncoder().encode(status)))
  }
}
