import Foundation
import KubeCore

/// What a request path addresses: discovery documents, or a resource collection, object or subresource.
enum RequestTarget: Equatable, Sendable {
  case version
  case health(String)
  case coreVersions
  case groupList
  case group(String)
  case resourceList(group: String, version: String)
  case openAPIIndex
  /// `/openapi/v2`: the whole Swagger 2.0 document.
  case openAPIV2
  case openAPIDocument(group: String, version: String)
  case resource(ResourcePath)

  /// A path into one resource: `namespace` nil for all namespaces or a cluster-scoped resource.
  struct ResourcePath: Equatable, Sendable {
    var group: String
    var version: String
    var plural: String
    var namespace: String?
    var name: String?
    var subresource: String?
    /// The legacy `/watch/` path prefix was used.
    var watchPrefix = false
  }

  /// Parses a request path, its percent-escapes decoded first as Go's `URL.Path` is; nil when the
  /// path is not one the API serves.
  static func parse(_ path: String) -> RequestTarget? {
    guard let decoded = decodingEscapes(path) else { return nil }
    let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    switch segments.first {
    case "version": return segments.count == 1 ? .version : nil
    case "healthz", "livez", "readyz": return .health(segments[0])
    case "openapi": return parseOpenAPI(Array(segments.dropFirst()))
    case "api": return parseCore(Array(segments.dropFirst()))
    case "apis": return parseGroups(Array(segments.dropFirst()))
    default: return nil
    }
  }

  private static func parseOpenAPI(_ rest: [String]) -> RequestTarget? {
    if rest == ["v2"] { return .openAPIV2 }
    guard rest.first == "v3" else { return nil }
    if rest.count == 1 { return .openAPIIndex }
    if rest.count == 3, rest[1] == "api" { return .openAPIDocument(group: "", version: rest[2]) }
    if rest.count == 4, rest[1] == "apis" { return .openAPIDocument(group: rest[2], version: rest[3]) }
    return nil
  }

  private static func parseCore(_ rest: [String]) -> RequestTarget? {
    guard let version = rest.first else { return .coreVersions }
    if rest.count == 1 { return .resourceList(group: "", version: version) }
    return parseResource(group: "", version: version, Array(rest.dropFirst()))
  }

  private static func parseGroups(_ rest: [String]) -> RequestTarget? {
    switch rest.count {
    case 0: return .groupList
    case 1: return .group(rest[0])
    case 2: return .resourceList(group: rest[0], version: rest[1])
    default: return parseResource(group: rest[0], version: rest[1], Array(rest.dropFirst(2)))
    }
  }

  private static func parseResource(group: String, version: String, _ input: [String]) -> RequestTarget? {
    var rest = input
    var watchPrefix = false
    if rest.first == "watch" {
      watchPrefix = true
      rest.removeFirst()
    }
    var path = ResourcePath(group: group, version: version, plural: "", watchPrefix: watchPrefix)
    if rest.count >= 3, rest[0] == "namespaces" {
      if rest.count == 3, ["status", "finalize"].contains(rest[2]) {
        path.plural = "namespaces"
        path.name = rest[1]
        path.subresource = rest[2]
        return .resource(path)
      }
      path.namespace = rest[1]
      rest.removeFirst(2)
    }
    guard !rest.isEmpty, rest.count <= 3 else { return nil }
    path.plural = rest[0]
    path.name = rest.count > 1 ? rest[1] : nil
    path.subresource = rest.count > 2 ? rest[2] : nil
    return .resource(path)
  }
}

extension RequestTarget {
  /// Whether the path has a `%` not followed by two hex digits (or escapes that are not UTF-8),
  /// which Go's HTTP server refuses before any handler sees the request.
  static func hasMalformedEscape(_ path: String) -> Bool {
    decodingEscapes(path) == nil
  }

  /// The path with its percent-escapes decoded (nil when one is malformed); a path without `%`
  /// (nearly every request) is returned as it is, without Foundation's decoder, which cost a
  /// create about 10 µs of CPU through CFString.
  static func decodingEscapes(_ path: String) -> String? {
    guard path.utf8.contains(UInt8(ascii: "%")) else { return path }
    return path.removingPercentEncoding
  }
}

extension APIResponse {
  /// What Go's HTTP server answers for a request-target it cannot parse: a plain-text 400.
  static var malformedPath: APIResponse {
    APIResponse(status: 400, contentType: "text/plain; charset=utf-8", body: .bytes(Array("400 Bad Request".utf8)))
  }
}
