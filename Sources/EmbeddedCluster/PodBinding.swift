import Foundation
import KubeCore

/// The `pods/binding` subresource, as kube-apiserver's BindingREST: a scheduler assigns a Pod to a
/// node by POSTing a v1 `Binding`. The server sets `spec.nodeName` (which no Pod update may
/// change), copies the Binding's annotations and sets `PodScheduled` True; a Pod already on a node,
/// being deleted or still gated is a 409 Conflict on `pods/binding`.
struct PodBinding {
  /// The node the Binding targets.
  let node: String
  /// The Binding's annotations, copied onto the Pod.
  let annotations: JSONValue

  /// Reads and validates a Binding addressed to the Pod named `pod`.
  init(_ binding: JSONValue, pod: String) throws(StatusError) {
    let name = binding["metadata"]?["name"]?.stringValue ?? pod
    guard name == pod else { throw StatusError.badRequest("name in URL does not match name in Binding object") }
    var errors: [FieldError] = []
    let kind = binding["target"]?["kind"]?.stringValue ?? ""
    if !kind.isEmpty, kind != "Node" {
      errors.append(
        FieldError(
          field: "target.kind", reason: .notSupported,
          message: "Unsupported value: \"\(kind)\": must be empty or 'Node'"))
    }
    let node = binding["target"]?["name"]?.stringValue ?? ""
    if node.isEmpty { errors.append(FieldError(field: "target.name", reason: .required, message: "Required value")) }
    guard errors.isEmpty else { throw StatusError.invalid(kind: "Binding", group: "", name: pod, errors: errors) }
    self.node = node
    annotations = binding["metadata"]?["annotations"] ?? .emptyObject
  }

  /// The Pod bound to the node at `now`, or the Conflict kube-apiserver answers.
  func bind(_ pod: JSONValue, now: Date) throws(StatusError) -> JSONValue {
    let name = pod["metadata"]?["name"]?.stringValue ?? ""
    if pod["metadata"]?["deletionTimestamp"] != nil {
      throw Self.conflict(name, "pod \(name) is being deleted, cannot be assigned to a host")
    }
    if let assigned = pod["spec"]?["nodeName"]?.stringValue, !assigned.isEmpty {
      throw Self.conflict(name, "pod \(name) is already assigned to node \"\(assigned)\"")
    }
    if !(pod["spec"]?["schedulingGates"]?.arrayValue ?? []).isEmpty {
      throw Self.conflict(name, "pod \(name) has non-empty .spec.schedulingGates")
    }
    var bound = pod
    bound.set(.string(node), at: ["spec", "nodeName"])
    for (key, value) in annotations.objectValue ?? [:] { bound.set(value, at: ["metadata", "annotations", key]) }
    bound["status"] = Self.scheduled(pod["status"] ?? .emptyObject, now: now)
    return bound
  }

  /// The status with `PodScheduled` True, as podutil.UpdatePodCondition sets it: the transition
  /// time moves only when the condition's status changes.
  private static func scheduled(_ status: JSONValue, now: Date) -> JSONValue {
    var conditions = status["conditions"]?.arrayValue ?? []
    let index = conditions.firstIndex { $0["type"]?.stringValue == "PodScheduled" }
    var condition: JSONValue = [
      "type": "PodScheduled", "status": "True", "lastProbeTime": .null,
      "lastTransitionTime": .string(Timestamps.format(now)),
    ]
    if let index, conditions[index]["status"]?.stringValue == "True" {
      condition["lastTransitionTime"] = conditions[index]["lastTransitionTime"] ?? condition["lastTransitionTime"]
    }
    if let index { conditions[index] = condition } else { conditions.insert(condition, at: 0) }
    var result = status
    result["conditions"] = .array(conditions)
    return result
  }

  /// The 409 of a Binding that cannot be applied: resource `pods/binding`, no group.
  static func conflict(_ name: String, _ reason: String) -> StatusError {
    StatusError(
      code: 409, reason: "Conflict", message: "Operation cannot be fulfilled on pods/binding \"\(name)\": \(reason)",
      details: ["name": .string(name), "kind": "pods/binding"])
  }

  /// The answer to a Binding that took: a `Status` Success with `code: 201` and no details.
  static let created: JSONValue = [
    "kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Success", "code": 201,
  ]
}

extension APIServer {
  /// POST `pods/NAME/binding`: binds the Pod and answers 201 with a success `Status`.
  func bindPod(_ scoped: ScopedRequest) async throws -> APIResponse {
    let binding = try PodBinding(try scoped.decodedBindingBody(), pod: scoped.key.name)
    let time = now()
    let stored = try await store.write(scoped.key) { current in
      guard let current else { throw StatusError.notFound(scoped.info.groupResource, name: scoped.key.name) }
      return .put(try binding.bind(current.value, now: time))
    }
    guard stored != nil else { throw StatusError.notFound(scoped.info.groupResource, name: scoped.key.name) }
    return .json(PodBinding.created, status: 201)
  }
}

extension ScopedRequest {
  /// The request's body as JSON (a Binding is never sent as protobuf by the clients we serve).
  fileprivate func decodedBindingBody() throws(StatusError) -> JSONValue {
    var info = self.info
    info.kind = "Binding"
    return try Admission.decode(request.body, contentType: request.contentType, info: info)
  }
}
