import Foundation
import KubeCore

extension APIServer {
  /// POST: create an object in the collection, append to a pod's log, or bind a pod to a node.
  func create(_ scoped: ScopedRequest) async throws -> APIResponse {
    if scoped.path.subresource == "log", scoped.info.hasLog { return try await appendPodLog(scoped) }
    if scoped.path.subresource == "binding", scoped.info.hasBinding { return try await bindPod(scoped) }
    guard scoped.path.subresource == nil else { throw Self.pageNotFound }
    var body = try scoped.decodedBody()
    let admission = Admission(info: scoped.info, fieldValidation: scoped.request.parameter("fieldValidation") ?? "Warn")
    try admission.checkType(&body)
    return try await createObject(body, scoped, admission: admission)
  }

  /// Creates `body` (already type-checked) and answers 201.
  func createObject(
    _ body: JSONValue, _ scoped: ScopedRequest, admission: Admission, applied config: JSONValue? = nil
  ) async throws -> APIResponse {
    let manager = try fieldManager(scoped, config == nil ? .update : .apply)
    if let bodyNamespace = body["metadata"]?["namespace"]?.stringValue, scoped.info.namespaced, !bodyNamespace.isEmpty,
      bodyNamespace != scoped.namespace
    {
      throw StatusError.badRequest(
        "the namespace of the provided object does not match the namespace sent on the request")
    }
    try await requireNamespace(scoped)
    try await refuseCreateIfTerminating(
      scoped,
      name: body["metadata"]?["name"]?.stringValue ?? body["metadata"]?["generateName"]?.stringValue ?? "")
    let lifecycle = ObjectLifecycle(info: scoped.info, now: now())
    let prepared = try lifecycle.prepareForCreate(body, namespace: scoped.namespace)
    var admitted = try admission.admit(prepared, old: nil, typesChecked: true)
    try await requireServiceAccount(of: admitted.object, scoped)
    admitted.object.set(
      try manager.managedFields(live: nil, result: admitted.object, requested: body, applied: config),
      at: ["metadata", "managedFields"])
    if isCRD(scoped.info) {
      _ = try CustomResourceDefinitions.resources(of: admitted.object)
      admitted.object = CustomResourceDefinitions.withEstablishedStatus(admitted.object, now: Timestamps.format(now()))
    }
    let name = admitted.object["metadata"]?["name"]?.stringValue ?? ""
    let key = ObjectKey(resource: scoped.info.groupResource, namespace: scoped.namespace, name: name)
    let object = admitted.object
    let stored = try await store.write(key) { current in
      if current != nil { throw StatusError.alreadyExists(scoped.info.groupResource, name: name) }
      guard scoped.info.groupResource == BuiltinResources.services.groupResource else { return .put(object) }
      return .put(try serviceIPs.assign(object, name: name))
    }
    guard let stored else { throw StatusError.internalError("create of \(key) stored nothing") }
    if isCRD(scoped.info) { try registerCRD(stored.value) }
    if scoped.info.groupResource == BuiltinResources.namespaces.groupResource {
      try await ensureDefaultServiceAccount(in: name)
    }
    var response = try render(stored, scoped, status: 201)
    response.headers += admitted.warnings.map(Self.warningHeader)
    return response
  }

  /// PUT: replace an object (or its status, or its scale).
  func update(_ scoped: ScopedRequest) async throws -> APIResponse {
    switch scoped.path.subresource {
    case nil, "status": break
    case "scale":
      return try await updateScale(scoped) { _ in
        try scoped.decodedBody()
      }
    case "finalize" where scoped.info.plural == "namespaces" && scoped.info.group.isEmpty:
      return try await finalizeNamespace(scoped)
    default: throw Self.pageNotFound
    }
    var body = try scoped.decodedBody()
    let admission = Admission(info: scoped.info, fieldValidation: scoped.request.parameter("fieldValidation") ?? "Warn")
    try admission.checkType(&body)
    let bodyName = body["metadata"]?["name"]?.stringValue ?? scoped.key.name
    guard bodyName == scoped.key.name else {
      throw StatusError.badRequest(
        "the name of the object (\(bodyName)) does not match the name on the URL (\(scoped.key.name))")
    }
    let candidate = body
    return try await commitUpdate(scoped, admission: admission, fieldManager: try fieldManager(scoped, .update)) { _ in
      candidate
    }
  }

  /// Runs an update inside the store's write: builds the candidate from the current object,
  /// checks the resourceVersion precondition, admits, merges server-owned fields, and deletes the
  /// object if it was waiting only for finalizers that the update removed.
  func commitUpdate(
    _ scoped: ScopedRequest, admission: Admission, precondition: Bool = true, fieldManager: FieldManager? = nil,
    applied config: JSONValue? = nil, candidate: @escaping @Sendable (StoredObject) throws -> JSONValue
  ) async throws -> APIResponse {
    let lifecycle = ObjectLifecycle(info: scoped.info, now: now())
    let subresource = scoped.path.subresource
    let warnings = WarningBox()
    let stored = try await store.write(scoped.key) { current in
      guard let current else { throw StatusError.notFound(scoped.info.groupResource, name: scoped.key.name) }
      var proposed = try candidate(current)
      let requested = proposed
      if precondition { try lifecycle.checkPrecondition(proposed, current: current) }
      proposed = lifecycle.merge(old: current.value, new: proposed, subresource: subresource)
      var admitted = try admission.admit(proposed, old: current.value)
      let managedFields =
        try fieldManager?.managedFields(
          live: current.value, result: admitted.object, requested: requested, applied: config)
        ?? current.value["metadata"]?["managedFields"]
      admitted.object.set(managedFields, at: ["metadata", "managedFields"])
      warnings.values = admitted.warnings
      if ObjectLifecycle.readyToVanish(admitted.object) {
        warnings.vanished = admitted.object
        return .delete
      }
      return ObjectLifecycle.sameContent(current.value, admitted.object) ? .unchanged : .put(admitted.object)
    }
    guard let stored else { throw StatusError.notFound(scoped.info.groupResource, name: scoped.key.name) }
    let vanished = await store.get(scoped.key) == nil
    if vanished {
      try await GarbageCollector(server: self).collect(after: stored, orphan: false)
    } else if isCRD(scoped.info) {
      try registerCRD(stored.value)
    }
    var response = try render(Self.lastState(of: stored, vanished: warnings.vanished), scoped)
    response.headers += warnings.values.map(Self.warningHeader)
    return response
  }

  /// What an update that deleted the object answers: the object as the update left it (without
  /// the finalizers whose removal let it go), at the deletion's resourceVersion.
  static func lastState(of tombstone: StoredObject, vanished: JSONValue?) -> StoredObject {
    guard var value = vanished else { return tombstone }
    value.set(tombstone.value["metadata"]?["resourceVersion"], at: ["metadata", "resourceVersion"])
    return StoredObject(key: tombstone.key, value: value, revision: tombstone.revision)
  }

  /// A `Warning` header as the API server sends it (RFC 7234 code 299).
  static func warningHeader(_ text: String) -> (String, String) {
    ("Warning", "299 - \"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"")
  }

  /// Fails with 404 when the request's namespace does not exist.
  func requireNamespace(_ scoped: ScopedRequest) async throws {
    guard scoped.info.namespaced else { return }
    let key = ObjectKey(resource: BuiltinResources.namespaces.groupResource, namespace: "", name: scoped.namespace)
    guard await store.get(key) != nil else {
      throw StatusError.notFound(BuiltinResources.namespaces.groupResource, name: scoped.namespace)
    }
  }

  func isCRD(_ info: ResourceInfo) -> Bool {
    info.plural == "customresourcedefinitions" && info.group == "apiextensions.k8s.io"
  }

  func registerCRD(_ crd: JSONValue) throws {
    let name = crd["metadata"]?["name"]?.stringValue ?? ""
    registry.register(crdName: name, resources: try CustomResourceDefinitions.resources(of: crd))
  }

  /// Updates the replicas a `scale` subresource maps to, from a Scale the caller builds from the current one.
  func updateScale(_ scoped: ScopedRequest, newScale: @escaping @Sendable (JSONValue) throws -> JSONValue) async throws
    -> APIResponse
  {
    let scale = try ScaleSubresource(info: scoped.info)
    var mainRequest = scoped
    mainRequest.path.subresource = nil
    let admission = Admission(info: scoped.info, fieldValidation: "Ignore")
    let manager = try fieldManager(scoped, .update, subresource: "scale")
    let response = try await commitUpdate(mainRequest, admission: admission, precondition: false, fieldManager: manager)
    {
      current in
      let requested = try newScale(try scale.scale(of: current.value))
      return try scale.apply(requested, to: current)
    }
    let object = try JSONParser.parse(response.bodyBytes)
    return .json(try scale.scale(of: object))
  }
}

/// Carries warnings (and the object an update deleted) out of the store's write closure. Only the
/// closure writes it, and only the awaiting caller reads it after the write returns, so no two
/// threads touch it at once.
final class WarningBox: @unchecked Sendable {
  var values: [String] = []
  var vanished: JSONValue?
}
