import Foundation
import KubeCore
import Logging

/// The Kubernetes API as handlers from `APIRequest` to `APIResponse`: authentication, routing to
/// discovery or to a resource verb, and mapping every failure to a `Status` once, here.
struct APIServer: Sendable {
  let store: ObjectStore
  let registry: ResourceRegistry
  let tokens: AccessTokens
  let podLogs: PodLogStore
  let logger: Logger
  /// The clock, injected so timestamps and ages are testable.
  let now: @Sendable () -> Date
  /// How often an idle watch with bookmarks gets one.
  var bookmarkInterval: Duration = .seconds(60)
  /// Events a watch may hold for a client that does not read; past that the watch is closed and
  /// the client relists, so a stalled watcher cannot grow the server's memory without bound.
  var watchBufferCapacity = 10_000
  /// Requests one client may have in flight (watches and followed logs aside).
  var clientLimits = ClientLimits(limit: 200)
  /// The addresses of the service IP range that Services hold.
  let serviceIPs = ServiceIPAllocator()

  static let maxBodyBytes = 3 * 1024 * 1024

  /// Answers one request.
  func handle(_ request: APIRequest) async -> APIResponse {
    do {
      if RequestTarget.hasMalformedEscape(request.path) { return .malformedPath }
      guard let target = RequestTarget.parse(request.path) else { throw Self.pageNotFound }
      switch target {
      case .version: return .json(Discovery.version)
      case .health:
        return APIResponse(status: 200, contentType: "text/plain; charset=utf-8", body: .bytes(Array("ok".utf8)))
      default: break
      }
      let access = try tokens.authenticate(request.bearerToken, certificate: request.certificate)
      guard !ClientLimits.isLongRunning(request) else { return try await route(target, request, access: access) }
      let client = ClientLimits.client(of: request, access: access)
      guard clientLimits.enter(client) else {
        var refusal = APIResponse.error(clientLimits.refusal(client))
        refusal.headers.append(("Retry-After", "1"))
        return refusal
      }
      defer { clientLimits.leave(client) }
      return try await route(target, request, access: access)
    } catch let error as StatusError {
      return .error(error)
    } catch {
      logger.error("request failed", metadata: ["path": "\(request.path)", "error": "\(error)"])
      return .error(.internalError(String(describing: error)))
    }
  }

  static let pageNotFound = StatusError(
    code: 404, reason: "NotFound", message: "the server could not find the requested resource",
    details: ["causes": [["reason": "UnexpectedServerResponse", "message": "404 page not found"]]])

  private func route(_ target: RequestTarget, _ request: APIRequest, access: AccessTokens.Access) async throws
    -> APIResponse
  {
    let discovery = Discovery(registry: registry)
    switch target {
    case .coreVersions: return .json(discovery.coreVersions)
    case .groupList: return .json(discovery.groupList)
    case .group(let group):
      guard let document = discovery.group(group) else { throw Self.pageNotFound }
      return .json(document)
    case .resourceList(let group, let version):
      guard let document = discovery.resourceList(group: group, version: version) else { throw Self.pageNotFound }
      return .json(document)
    case .openAPIIndex: return .json(OpenAPIDocuments(registry: registry).index)
    case .openAPIV2: return OpenAPIV2Document(documents: OpenAPIDocuments(registry: registry)).response(request)
    case .openAPIDocument(let group, let version):
      guard let document = OpenAPIDocuments(registry: registry).document(group: group, version: version) else {
        throw Self.pageNotFound
      }
      return .json(document)
    case .resource(let path):
      return try await handleResource(path, request, access: access)
    default:
      throw Self.pageNotFound
    }
  }

  private func handleResource(_ path: RequestTarget.ResourcePath, _ request: APIRequest, access: AccessTokens.Access)
    async throws -> APIResponse
  {
    guard let info = registry.lookup(group: path.group, version: path.version, plural: path.plural) else {
      throw Self.pageNotFound
    }
    let verb = Self.verb(request.method, path, request)
    try access.authorize(
      verb: verb, info: info, namespace: path.namespace, name: path.name, subresource: path.subresource)
    if verb == "list" || verb == "watch" { try ListOptionsValidation.check(request, verb: verb) }
    let scoped = ScopedRequest(info: info, path: path, request: request)
    switch verb {
    case "get": return try await get(scoped)
    case "list": return try await list(scoped)
    case "watch": return try await watch(scoped)
    case "create": return try await create(scoped)
    case "update": return try await update(scoped)
    case "patch": return try await patch(scoped)
    case "delete": return try await delete(scoped)
    case "deletecollection": return try await deleteCollection(scoped)
    default: throw StatusError.methodNotAllowed("the server does not allow this method on the requested resource")
    }
  }

  /// The Kubernetes verb for a method on a path.
  static func verb(_ method: String, _ path: RequestTarget.ResourcePath, _ request: APIRequest) -> String {
    let isObject = path.name != nil
    switch method {
    case "GET", "HEAD":
      if isObject { return path.watchPrefix ? "watch" : "get" }
      return path.watchPrefix || request.flag("watch") ? "watch" : "list"
    case "POST": return isObject && path.subresource == nil ? "unknown" : "create"
    case "PUT": return isObject ? "update" : "unknown"
    case "PATCH": return isObject ? "patch" : "unknown"
    case "DELETE": return isObject ? "delete" : "deletecollection"
    default: return "unknown"
    }
  }
}

/// One request resolved to its resource, with the path and the raw request.
struct ScopedRequest: Sendable {
  var info: ResourceInfo
  var path: RequestTarget.ResourcePath
  var request: APIRequest

  /// The namespace an object of this request lives in ("" for cluster-scoped).
  var namespace: String { info.namespaced ? (path.namespace ?? "") : "" }

  /// The key of the named object.
  var key: ObjectKey { ObjectKey(resource: info.groupResource, namespace: namespace, name: path.name ?? "") }

  /// The object the request's body holds, in whichever encoding its content type names.
  func decodedBody() throws(StatusError) -> JSONValue {
    try Admission.decode(request.body, contentType: request.contentType, info: info)
  }
}
