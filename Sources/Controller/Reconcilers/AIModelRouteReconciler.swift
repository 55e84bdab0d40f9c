import AIResources
import ClusterClient
import Foundation
import KubeCore

/// AIModelRoute: resolves its backends (InferenceServices), its API-key Secret and its context
/// schema, and reports `Accepted` (the spec is valid), `ResolvedRefs` (everything it names
/// exists) and `Programmed` (the gateway can serve it: some weighted backend is ready), with
/// `status.backends`. While not programmed it looks again every few seconds.
public struct AIModelRouteReconciler: Reconciler {
  public let resource = AIModelRoute.resource
  static let inferenceServices = InferenceService.resource
  static let secrets = CoreResources.secrets
  static let schemas = ModelContextSchema.resource
  static let recheck: Duration = .seconds(5)
  let client: KubeClient

  public init(client: KubeClient) { self.client = client }

  /// What the route names, as found in the cluster.
  struct References: Sendable {
    var services: [String: JSONValue] = [:]
    var missingServices: Set<String> = []
    var secretExists = true
    var schema: JSONValue?
    var schemaMissing = false
  }

  public func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
    // A failed read is retried with backoff; only a route that is gone needs nothing more.
    guard let route = try await client.existing(resource, name: request.key.name, namespace: request.key.namespace)
    else { return .done }
    let references = try await resolve(route, namespace: request.key.namespace)
    let now = LogTimestamp(Date()).rfc3339Seconds
    let written = try await StatusWriter(client: client).update(resource, request.key) { object in
      object["status"] = try Self.status(of: object, references, now: now)
    }
    let programmed = written?[path: ["status", "conditions"]]?.arrayValue?.contains {
      $0["type"] == "Programmed" && $0["status"] == "True"
    }
    return programmed == false ? .requeueAfter(Self.recheck) : .done
  }

  private func resolve(_ route: JSONValue, namespace: String?) async throws -> References {
    var references = References()
    for backend in route[path: ["spec", "backends"]]?.arrayValue ?? [] {
      guard let name = backend["service"]?.stringValue else { continue }
      if let service = try await client.existing(Self.inferenceServices, name: name, namespace: namespace) {
        references.services[name] = service
      } else {
        references.missingServices.insert(name)
      }
    }
    if route[path: ["spec", "auth", "type"]] == "APIKey",
      let secret = route[path: ["spec", "auth", "secretRef", "name"]]?.stringValue
    {
      references.secretExists = try await client.existing(Self.secrets, name: secret, namespace: namespace) != nil
    }
    if let schema = route[path: ["spec", "contextSchemaRef", "name"]]?.stringValue {
      references.schema = try await client.existing(Self.schemas, name: schema, namespace: namespace)
      references.schemaMissing = references.schema == nil
    }
    return references
  }

  /// The status the route should have given what it references.
  static func status(of route: JSONValue, _ references: References, now: String) throws -> JSONValue {
    var status = (try? (route["status"] ?? .emptyObject).decode(as: AIModelRoute.Status.self)) ?? AIModelRoute.Status()
    var conditions = status.conditions ?? []
    let generation = route[path: ["metadata", "generation"]]?.intValue
    func set(_ type: String, _ ok: Bool, _ reason: String, _ message: String) {
      ConditionList.set(
        type, ok ? .isTrue : .isFalse, reason: reason, message: message, generation: generation, now: now,
        in: &conditions)
    }
    let errors = AIAdmission.validate(kind: "AIModelRoute", object: route, old: nil)
    set(
      "Accepted", errors.isEmpty, errors.isEmpty ? "Accepted" : "InvalidSpec",
      errors.isEmpty ? "the route's spec is valid" : errors.map(\.description).joined(separator: "; "))
    var backends: [AIModelRoute.Status.BackendStatus] = []
    var missing: [String] = []
    for backend in route[path: ["spec", "backends"]]?.arrayValue ?? [] {
      guard let name = backend["service"]?.stringValue else { continue }
      if references.missingServices.contains(name) { missing.append("InferenceService \"\(name)\"") }
      let ready = (references.services[name]?[path: ["status", "readyReplicas"]]?.intValue ?? 0) > 0
      backends.append(.init(service: name, ready: ready, weight: backend["weight"]?.intValue.map { Int($0) } ?? 100))
    }
    if !references.secretExists {
      missing.append("Secret \"\(route[path: ["spec", "auth", "secretRef", "name"]]?.stringValue ?? "")\"")
    }
    if references.schemaMissing {
      missing.append("ModelContextSchema \"\(route[path: ["spec", "contextSchemaRef", "name"]]?.stringValue ?? "")\"")
    }
    set(
      "ResolvedRefs", missing.isEmpty, missing.isEmpty ? "ResolvedRefs" : "RefNotFound",
      missing.isEmpty ? "every reference resolves" : "not found: " + missing.joined(separator: ", "))
    let serving = backends.filter { $0.ready == true && ($0.weight ?? 0) > 0 }.map { $0.service ?? "" }
    let programmed = errors.isEmpty && missing.isEmpty && !serving.isEmpty
    set(
      "Programmed", programmed, programmed ? "Programmed" : "NoReadyBackend",
      programmed ? "serving through \(serving.joined(separator: ", "))" : "no weighted backend has a ready instance")
    status.backends = backends
    status.conditions = conditions
    return try JSONParser.parse(Array(JSONEncoder().encode(status)))
  }
}
