import KubeCore

/// The REST verbs over discovered resources, each answer decoded and each failure a `KubeError`.
extension KubeClient {
  /// One object.
  public func get(_ resource: APIResource, name: String, namespace: String? = nil, subresource: String? = nil)
    async throws -> JSONValue
  {
    try await json(.GET, resource.path(namespace: namespace, name: name, subresource: subresource))
  }

  /// One page of objects (`namespace` nil: all namespaces).
  public func list(_ resource: APIResource, namespace: String? = nil, options: ListOptions = ListOptions())
    async throws -> ObjectList
  {
    let path = resource.path(namespace: namespace) + PathEscaping.query(options.queryItems)
    return try ObjectList(decoding: try await json(.GET, path, accept: options.accept))
  }

  /// Every object, fetched in pages of `pageSize`; the result's resourceVersion is the first page's,
  /// the one the server's snapshot was taken at, so a watch from it misses nothing.
  public func listAll(
    _ resource: APIResource, namespace: String? = nil, options: ListOptions = ListOptions(), pageSize: Int = 500,
    progress: (@Sendable (_ loaded: Int, _ total: Int?) async -> Void)? = nil,
    page pageReceived: (@Sendable (ObjectList) async -> Void)? = nil
  ) async throws -> ObjectList {
    var options = options
    options.limit = pageSize
    var first = try await list(resource, namespace: namespace, options: options)
    await pageReceived?(first)
    var items = first.items
    var cells = first.cells
    while let token = first.continueToken {
      await progress?(items.count, first.remainingItemCount.map { items.count + $0 })
      options.continueToken = token
      let page: ObjectList
      do {
        page = try await list(resource, namespace: namespace, options: options)
      } catch KubeError.gone {
        // The continue token outlived the server's history: start over with one unpaged list.
        var unpaged = ListOptions(labelSelector: options.labelSelector, fieldSelector: options.fieldSelector)
        unpaged.table = options.table
        return try await list(resource, namespace: namespace, options: unpaged)
      }
      await pageReceived?(page)
      items.append(contentsOf: page.items)
      if let more = page.cells { cells?.append(contentsOf: more) }
      first.continueToken = page.continueToken
      first.remainingItemCount = page.remainingItemCount
    }
    await progress?(items.count, items.count)
    var all = ObjectList(items: items, resourceVersion: first.resourceVersion)
    all.cells = cells
    all.columns = first.columns
    return all
  }

  /// Creates `object` (in its own `metadata.namespace` unless `namespace` is given).
  public func create(
    _ resource: APIResource, _ object: JSONValue, namespace: String? = nil, fieldManager: String? = nil
  )
    async throws -> JSONValue
  {
    let namespace = namespace ?? object[path: ["metadata", "namespace"]]?.stringValue
    let query = PathEscaping.query(fieldManager.map { [("fieldManager", $0)] } ?? [])
    return try await json(.POST, resource.path(namespace: namespace) + query, body: object)
  }

  /// Replaces `object` (or its `status`/`scale`); its resourceVersion makes a stale write a `.conflict`.
  public func update(
    _ resource: APIResource, _ object: JSONValue, subresource: String? = nil, fieldManager: String? = nil
  ) async throws -> JSONValue {
    guard let name = object[path: ["metadata", "name"]]?.stringValue else {
      throw KubeError.badRequest(
        StatusError(code: 400, reason: "BadRequest", message: "the object has no metadata.name"))
    }
    let path = resource.path(
      namespace: object[path: ["metadata", "namespace"]]?.stringValue, name: name, subresource: subresource)
    return try await json(
      .PUT, path + PathEscaping.query(fieldManager.map { [("fieldManager", $0)] } ?? []), body: object)
  }

  /// Patches one object (or its `status`/`scale`). Server-side apply needs a field manager.
  public func patch(
    _ resource: APIResource, name: String, namespace: String? = nil, _ patch: Patch, subresource: String? = nil,
    fieldManager: String? = nil
  ) async throws -> JSONValue {
    var query: [(String, String)] = []
    if let fieldManager { query.append(("fieldManager", fieldManager)) }
    if case .apply(_, true) = patch { query.append(("force", "true")) }
    let path = resource.path(namespace: namespace, name: name, subresource: subresource) + PathEscaping.query(query)
    let body: [UInt8]
    if case .apply(let intent, _) = patch {
      body = Array(intent.yamlString().utf8)
    } else {
      body = patch.body.serialized()
    }
    let (status, bytes) = try await send(.PATCH, path, body: body, contentType: patch.contentType)
    guard (200..<300).contains(status) else { throw Self.error(status: status, body: bytes, retryAfter: nil) }
    return try Self.decode(bytes, "PATCH \(path)")
  }

  /// Deletes one object; the answer is the object (still there while finalizers or dependents hold
  /// it) or a success `Status`. `resourceVersion` makes the delete conditional.
  @discardableResult
  public func delete(
    _ resource: APIResource, name: String, namespace: String? = nil, propagation: DeletionPropagation? = nil,
    resourceVersion: String? = nil
  ) async throws -> JSONValue {
    var options: JSONValue = ["kind": "DeleteOptions", "apiVersion": "v1"]
    if let propagation { options["propagationPolicy"] = .string(propagation.rawValue) }
    if let resourceVersion { options["preconditions"] = ["resourceVersion": .string(resourceVersion)] }
    return try await json(.DELETE, resource.path(namespace: namespace, name: name), body: options)
  }

  /// The scale subresource of an object.
  public func scale(_ resource: APIResource, name: String, namespace: String? = nil) async throws -> Scale {
    try Scale(decoding: try await get(resource, name: name, namespace: namespace, subresource: "scale"))
  }

  /// Sets the desired replicas through the scale subresource (a merge patch, as `kubectl scale` does).
  @discardableResult
  public func setReplicas(
    _ resource: APIResource, name: String, namespace: String? = nil, replicas: Int, fieldManager: String? = nil
  ) async throws -> Scale {
    let answer = try await patch(
      resource, name: name, namespace: namespace, .merge(["spec": ["replicas": .int(Int64(replicas))]]),
      subresource: "scale", fieldManager: fieldManager)
    return try Scale(decoding: answer)
  }

  /// A pod's log, whole (not followed).
  public func podLog(
    namespace: String, pod: String, container: String? = nil, tailLines: Int? = nil, timestamps: Bool = false
  ) async throws -> String {
    var query: [(String, String)] = []
    if let container { query.append(("container", container)) }
    if let tailLines { query.append(("tailLines", String(tailLines))) }
    if timestamps { query.append(("timestamps", "true")) }
    let path = "/api/v1/namespaces/\(PathEscaping.segment(namespace))/pods/\(PathEscaping.segment(pod))/log"
    let (status, bytes) = try await send(.GET, path + PathEscaping.query(query), accept: "*/*")
    guard status == 200 else { throw Self.error(status: status, body: bytes, retryAfter: nil) }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func decode(_ bytes: [UInt8], _ what: String) throws -> JSONValue {
    do {
      return try JSONParser.parse(bytes)
    } catch {
      throw KubeError.decoding("\(what): \(error)")
    }
  }
}

/// An `autoscaling/v1` Scale: desired and observed replicas of a scalable resource.
public struct Scale: Sendable, Hashable {
  public var replicas: Int
  public var statusReplicas: Int
  public var selector: String?
  public var resourceVersion: String?

  public init(decoding value: JSONValue) throws(KubeError) {
    guard value["kind"]?.stringValue == "Scale" else {
      throw KubeError.decoding("expected a Scale, found \(value["kind"]?.stringValue ?? "no kind")")
    }
    replicas = Int(value[path: ["spec", "replicas"]]?.intValue ?? 0)
    statusReplicas = Int(value[path: ["status", "replicas"]]?.intValue ?? 0)
    selector = value[path: ["status", "selector"]]?.stringValue
    resourceVersion = value[path: ["metadata", "resourceVersion"]]?.stringValue
  }
}
