import Foundation
import KubeCore

extension APIServer {
  /// The patch flavours the server accepts, by Content-Type.
  enum PatchType: String {
    case merge = "application/merge-patch+json"
    case json = "application/json-patch+json"
    case strategic = "application/strategic-merge-patch+json"
    case apply = "application/apply-patch+yaml"

    init(contentType: String, info: ResourceInfo) throws(StatusError) {
      let base = contentType.split(separator: ";").first.map { String($0).trimmingSpaces } ?? ""
      guard let type = PatchType(rawValue: base), !(type == .strategic && info.isCustom) else {
        let accepted =
          info.isCustom
          ? "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
          : "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json"
        throw StatusError(
          code: 415, reason: "UnsupportedMediaType",
          message: "the body of the request was in an unknown format - accepted media types include: \(accepted)")
      }
      self = type
    }
  }

  /// PATCH of an object, its status or its scale.
  func patch(_ scoped: ScopedRequest) async throws -> APIResponse {
    let type = try PatchType(contentType: scoped.request.contentType, info: scoped.info)
    let patch = try Self.decodePatch(scoped.request.body, type: type)
    switch scoped.path.subresource {
    case nil, "status": break
    case "scale": return try await updateScale(scoped) { scale in try Self.apply(patch, type: type, to: scale) }
    default: throw Self.pageNotFound
    }
    let admission = Admission(info: scoped.info, fieldValidation: scoped.request.parameter("fieldValidation") ?? "Warn")
    let manager = try fieldManager(scoped, type == .apply ? .apply : .update)
    // JSONValue is nil-literal-expressible (JSON null), so the optional must be spelled out.
    let config: JSONValue? = type == .apply ? .some(patch) : .none
    if type == .apply, scoped.path.subresource == nil, await store.get(scoped.key) == nil {
      var body = patch
      try admission.checkType(&body)
      body.set(.string(scoped.key.name), at: ["metadata", "name"])
      return try await createObject(body, scoped, admission: admission, applied: patch)
    }
    return try await commitUpdate(scoped, admission: admission, fieldManager: manager, applied: config) { current in
      var patched =
        type == .apply
        ? try manager.applied(try Self.applyConfiguration(patch), to: current.value)
        : try Self.apply(patch, type: type, to: current.value)
      try admission.checkType(&patched)
      let name = patched["metadata"]?["name"]?.stringValue
      guard name == current.key.name else {
        throw StatusError.badRequest("metadata.name: Invalid value: \"\(name ?? "")\": field is immutable")
      }
      return patched
    }
  }

  static func decodePatch(_ body: [UInt8], type: PatchType) throws(StatusError) -> JSONValue {
    guard !body.isEmpty else { throw StatusError.badRequest("the body of the request was empty") }
    if type == .apply {
      do {
        return try JSONValue.parseYAML(String(decoding: body, as: UTF8.self))
      } catch {
        throw StatusError.badRequest("error decoding YAML: \(error)")
      }
    }
    let patch: JSONValue
    do {
      patch = try JSONParser.parse(body)
    } catch {
      throw StatusError.badRequest("error decoding patch: \(error)")
    }
    if type == .json, let operations = patch.arrayValue, operations.count > maxJSONPatchOperations {
      throw StatusError(
        code: 413, reason: "RequestEntityTooLarge",
        message: "The allowed maximum operations in a JSON patch is \(maxJSONPatchOperations), got \(operations.count)")
    }
    return patch
  }

  /// kube-apiserver's bound on one JSON patch (`maxJSONPatchOperations`, 413 past it).
  static let maxJSONPatchOperations = 10_000
  /// kube-apiserver's `JSONPatchMaxCopyBytes`: what a JSON patch's copies may add, together.
  static let jsonPatchMaxCopyBytes = 3 * 1024 * 1024

  /// An apply patch's configuration, which must be an object.
  static func applyConfiguration(_ patch: JSONValue) throws(StatusError) -> JSONValue {
    guard patch.objectValue != nil else { throw StatusError.badRequest("an apply configuration must be a YAML object") }
    return patch
  }

  static func apply(_ patch: JSONValue, type: PatchType, to target: JSONValue) throws -> JSONValue {
    switch type {
    case .merge, .apply:
      guard patch.objectValue != nil else { throw StatusError.badRequest("a merge patch must be a JSON object") }
      return MergePatch.apply(patch, to: target)
    case .strategic:
      guard patch.objectValue != nil else {
        throw StatusError.badRequest("a strategic merge patch must be a JSON object")
      }
      return StrategicMergePatch.apply(patch, to: target)
    case .json:
      do {
        return try JSONPatch.apply(patch, to: target, copyLimit: jsonPatchMaxCopyBytes)
      } catch {
        throw StatusError(
          code: 422, reason: "Invalid",
          message: "the server rejected our request due to an error in our request: \(error)")
      }
    }
  }
}
