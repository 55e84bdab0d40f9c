import Foundation
import KubeCore

extension APIServer {
  /// GET of one object, or of its `status`, `scale` or `log` subresource.
  func get(_ scoped: ScopedRequest) async throws -> APIResponse {
    switch scoped.path.subresource {
    case nil, "status":
      let object = try await existing(scoped)
      return try render(object, scoped)
    case "scale":
      return .json(try ScaleSubresource(info: scoped.info).scale(of: try await existing(scoped).value))
    case "log" where scoped.info.hasLog:
      return try await podLog(scoped)
    default:
      throw Self.pageNotFound
    }
  }

  /// The stored object named by the request, or 404.
  func existing(_ scoped: ScopedRequest) async throws -> StoredObject {
    guard let object = await store.get(scoped.key) else {
      throw StatusError.notFound(scoped.info.groupResource, name: scoped.key.name)
    }
    return object
  }

  /// One object in the form the client asked for (JSON, Table, or PartialObjectMetadata).
  func render(_ object: StoredObject, _ scoped: ScopedRequest, status: Int = 200) throws -> APIResponse {
    let accept = scoped.request.accept
    if TableWriter.wanted(accept) {
      let writer = tableWriter(scoped)
      let metadata: JSONValue = ["resourceVersion": .string(String(object.revision))]
      return .json(writer.table([object.value], listMetadata: metadata), status: status)
    }
    if TableWriter.wantsMetadataOnly(accept) { return .json(TableWriter.partialMetadata(object.value), status: status) }
    return APIResponse(status: status, body: .bytes(object.bytes))
  }

  func tableWriter(_ scoped: ScopedRequest) -> TableWriter {
    TableWriter(info: scoped.info, now: now(), includeObject: scoped.request.parameter("includeObject") ?? "Metadata")
  }

  /// The filter a list or watch request selects.
  func filter(_ scoped: ScopedRequest) throws(StatusError) -> ObjectFilter {
    var filter = ObjectFilter(resource: scoped.info.groupResource, namespace: scoped.path.namespace)
    if let selector = scoped.request.parameter("labelSelector") {
      let parsed = try LabelSelector(parsing: selector)
      try SelectorKeyValidation.check(parsed)
      filter.labelSelector = parsed
    }
    if let selector = scoped.request.parameter("fieldSelector") {
      filter.fieldSelector = try FieldSelector(
        parsing: selector, supportedFields: scoped.info.fieldLabels.union(["metadata.name", "metadata.namespace"]))
    }
    if let name = scoped.path.name {
      var fields = filter.fieldSelector
      if fields == nil { fields = try FieldSelector(parsing: "", supportedFields: []) }
      fields?.requirements.append(.init(field: "metadata.name", value: name, negated: false))
      filter.fieldSelector = fields
    }
    return filter
  }

  /// LIST, paginated with `limit` and `continue`, as JSON, Table or PartialObjectMetadataList.
  func list(_ scoped: ScopedRequest) async throws -> APIResponse {
    let filter = try filter(scoped)
    let limit = max(0, Int(scoped.request.parameter("limit") ?? "") ?? 0)
    var start: ObjectKey?
    var snapshot: Int64?
    if let token = scoped.request.parameter("continue") {
      let position = try ContinueToken.decode(token)
      start = ObjectKey(resource: filter.resource, namespace: position.namespace, name: position.name)
      snapshot = position.revision
    }
    let page = await store.list(filter, after: start, limit: limit)
    try checkListRevision(scoped.request, current: page.revision)
    let revision = snapshot ?? page.revision
    var metadata: JSONValue = ["resourceVersion": .string(String(revision))]
    if page.more, let last = page.items.last {
      metadata["continue"] = .string(
        ContinueToken(revision: revision, namespace: last.key.namespace, name: last.key.name).encoded)
      if let remaining = page.remaining { metadata["remainingItemCount"] = .int(Int64(remaining)) }
    }
    return listResponse(page.items, metadata: metadata, scoped)
  }

  private func checkListRevision(_ request: APIRequest, current: Int64) throws(StatusError) {
    guard let text = request.parameter("resourceVersion"), text != "0" else { return }
    // ListOptionsValidation refused what is not an unsigned integer; past Int64 is "too large".
    let requested = Int64(text) ?? .max
    if requested > current {
      throw StatusError(
        code: 504, reason: "Timeout", message: "Timeout: Too large resource version: \(requested), current: \(current)",
        details: [
          "causes": [["reason": "ResourceVersionTooLarge", "message": "Too large resource version"]],
          "retryAfterSeconds": 1,
        ])
    }
    if request.parameter("resourceVersionMatch") == "Exact", requested < current {
      throw StatusError.expired("The resourceVersion for the provided list is too old.")
    }
  }

  private func listResponse(_ items: [StoredObject], metadata: JSONValue, _ scoped: ScopedRequest) -> APIResponse {
    let accept = scoped.request.accept
    if TableWriter.wanted(accept) {
      return .json(tableWriter(scoped).table(items.map(\.value), listMetadata: metadata))
    }
    if TableWriter.wantsMetadataOnly(accept) {
      let list: JSONValue = [
        "kind": "PartialObjectMetadataList", "apiVersion": "meta.k8s.io/v1", "metadata": metadata,
        "items": .array(items.map { TableWriter.partialMetadata($0.value) }),
      ]
      return .json(list)
    }
    var body: [UInt8] = []
    body.reserveCapacity(items.reduce(128) { $0 + $1.bytes.count + 1 })
    body.append(contentsOf: #"{"apiVersion":"#.utf8)
    JSONValue.string(scoped.info.apiVersion).write(into: &body)
    body.append(contentsOf: #","items":["#.utf8)
    for (index, item) in items.enumerated() {
      if index > 0 { body.append(UInt8(ascii: ",")) }
      body.append(contentsOf: item.bytes)
    }
    body.append(contentsOf: #"],"kind":"#.utf8)
    JSONValue.string(scoped.info.listKind).write(into: &body)
    body.append(contentsOf: #","metadata":"#.utf8)
    metadata.write(into: &body)
    body.append(UInt8(ascii: "}"))
    return APIResponse(status: 200, body: .bytes(body))
  }
}

/// The opaque `continue` token of a paginated list: the list's revision and the last key served.
struct ContinueToken {
  var revision: Int64
  var namespace: String
  var name: String

  var encoded: String {
    let start = namespace.isEmpty ? name : "\(namespace)/\(name)"
    let payload: JSONValue = ["v": "meta.k8s.io/v1", "rv": .int(revision), "start": .string(start + "\u{0}")]
    return Data(payload.serialized()).base64EncodedString()
  }

  static func decode(_ token: String) throws(StatusError) -> ContinueToken {
    let invalid = StatusError.badRequest("continue key is not valid: \(token)")
    var padded = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while padded.count % 4 != 0 { padded += "=" }
    guard let data = Data(base64Encoded: padded), let payload = try? JSONParser.parse(Array(data)),
      let revision = payload["rv"]?.intValue, var start = payload["start"]?.stringValue
    else { throw invalid }
    if start.hasSuffix("\u{0}") { start.removeLast() }
    let parts = start.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    return parts.count == 2
      ? ContinueToken(revision: revision, namespace: parts[0], name: parts[1])
      : ContinueToken(revision: revision, namespace: "", name: parts[0])
  }
}
