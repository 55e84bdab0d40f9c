import Foundation
import KubeCore

extension APIServer {
  /// How a delete treats dependents (`propagationPolicy`).
  enum Propagation: String {
    case background = "Background"
    case foreground = "Foreground"
    case orphan = "Orphan"
  }

  /// DELETE of one object: an object that goes at once is answered with a success `Status`
  /// naming it; one that finalizers (or, for a namespace, its namespace controller) hold is
  /// answered with itself, marked with a deletionTimestamp.
  func delete(_ scoped: ScopedRequest) async throws -> APIResponse {
    guard scoped.path.subresource == nil else { throw Self.pageNotFound }
    let options = try DeleteOptions(scoped.request)
    if scoped.info.plural == "namespaces", scoped.info.group.isEmpty, scoped.key.name == "default" {
      throw StatusError(
        code: 403, reason: "Forbidden",
        message: "namespaces \"default\" is forbidden: this namespace may not be deleted",
        details: ["name": "default", "kind": "namespaces"])
    }
    if scoped.info.plural == "namespaces", scoped.info.group.isEmpty {
      return try await deleteNamespace(scoped, options: options)
    }
    let result = try await deleteObject(scoped.key, info: scoped.info, options: options)
    // Marked (finalizers, or Foreground even if the collector let it go since): the object.
    guard result.value["metadata"]?["deletionTimestamp"] != nil else {
      return .json(Self.deleted(result, info: scoped.info))
    }
    return try render(result, scoped)
  }

  /// The success `Status` kube-apiserver answers for an object deleted at once.
  static func deleted(_ object: StoredObject, info: ResourceInfo) -> JSONValue {
    var details: JSONValue = ["name": .string(object.key.name)]
    if !info.group.isEmpty { details["group"] = .string(info.group) }
    details["kind"] = .string(info.plural)
    details["uid"] = object.value["metadata"]?["uid"] ?? .null
    return ["kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Success", "details": details]
  }

  /// Deletes one object by key and collects what it owned.
  func deleteObject(_ key: ObjectKey, info: ResourceInfo, options: DeleteOptions) async throws -> StoredObject {
    let timestamp = JSONValue.string(Timestamps.format(now()))
    if options.propagation == .orphan { try await GarbageCollector(server: self).orphan(dependentsOf: key) }
    let result = try await store.write(key) { current in
      guard let current else { throw StatusError.notFound(info.groupResource, name: key.name) }
      try options.check(current, info: info)
      var finalizers = ObjectLifecycle.finalizers(current.value)
      if options.propagation == .foreground, !finalizers.contains("foregroundDeletion") {
        finalizers.append("foregroundDeletion")
      }
      guard !finalizers.isEmpty else { return .delete }
      var marked = current.value
      if marked["metadata"]?["deletionTimestamp"] == nil {
        marked.set(timestamp, at: ["metadata", "deletionTimestamp"])
        marked.set(0, at: ["metadata", "deletionGracePeriodSeconds"])
        if info.tracksGeneration {
          marked.set(
            .int((current.value["metadata"]?["generation"]?.intValue ?? 0) + 1), at: ["metadata", "generation"])
        }
      }
      marked.set(.array(finalizers.map { .string($0) }), at: ["metadata", "finalizers"])
      return ObjectLifecycle.sameContent(current.value, marked) ? .unchanged : .put(marked)
    }
    guard let result else { throw StatusError.notFound(info.groupResource, name: key.name) }
    let collector = GarbageCollector(server: self)
    if await store.get(key) == nil {
      try await collector.collect(after: result, orphan: options.propagation == .orphan)
    } else if options.propagation == .foreground {
      try await collector.deleteDependents(of: result)
    }
    return await store.get(key) ?? result
  }

  /// DELETE of a collection: every selected object, answered with the list of what was deleted.
  func deleteCollection(_ scoped: ScopedRequest) async throws -> APIResponse {
    guard Discovery.verbs(of: scoped.info).contains("deletecollection") else {
      throw StatusError.methodNotAllowed("the server does not allow this method on the requested resource")
    }
    let options = try DeleteOptions(scoped.request)
    let selected = await store.list(try filter(scoped)).items
    var deleted: [JSONValue] = []
    for object in selected {
      deleted.append(try await deleteObject(object.key, info: scoped.info, options: options).value)
    }
    let list: JSONValue = [
      "apiVersion": .string(scoped.info.apiVersion), "kind": .string(scoped.info.listKind),
      "metadata": ["resourceVersion": .string(String(await store.revision))], "items": .array(deleted),
    ]
    return .json(list)
  }
}

/// `DeleteOptions` from the body or the query: propagation policy and preconditions.
struct DeleteOptions: Sendable {
  var propagation: APIServer.Propagation = .background
  var preconditionUID: String?
  var preconditionRevision: String?

  init(_ request: APIRequest) throws(StatusError) {
    var policy = request.parameter("propagationPolicy")
    if !request.body.isEmpty {
      let body: JSONValue
      do { body = try JSONParser.parse(request.body) } catch {
        throw StatusError.badRequest("invalid DeleteOptions: \(error)")
      }
      policy = body["propagationPolicy"]?.stringValue ?? policy
      if body["orphanDependents"]?.boolValue == true { policy = "Orphan" }
      preconditionUID = body["preconditions"]?["uid"]?.stringValue
      preconditionRevision = body["preconditions"]?["resourceVersion"]?.stringValue
    }
    if let policy {
      guard let parsed = APIServer.Propagation(rawValue: policy) else {
        throw StatusError.invalid(
          kind: "DeleteOptions", group: "", name: "",
          errors: [
            FieldError(
              field: "propagationPolicy", reason: .notSupported,
              message: "Unsupported value: \"\(policy)\": supported values: \"Foreground\", \"Background\", \"Orphan\"")
          ])
      }
      propagation = parsed
    }
  }

  func check(_ current: StoredObject, info: ResourceInfo) throws(StatusError) {
    if let uid = preconditionUID, uid != current.value["metadata"]?["uid"]?.stringValue {
      throw StatusError(
        code: 409, reason: "Conflict",
        message:
          "Operation cannot be fulfilled on \(info.groupResource) \"\(current.key.name)\": Precondition failed: UID in precondition: \(uid), UID in object meta: \(current.value["metadata"]?["uid"]?.stringValue ?? "")"
      )
    }
    if let revision = preconditionRevision, revision != String(current.revision) {
      throw StatusError.conflict(info.groupResource, name: current.key.name)
    }
  }
}
