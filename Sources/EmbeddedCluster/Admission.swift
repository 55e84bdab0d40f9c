import AIResources
import Foundation
import KubeCore

/// Admission of an incoming object: body decoding, kind and name checks, structural-schema
/// pruning/defaulting/validation for custom resources, the AI kinds' own rules, and
/// `fieldValidation` (Strict refuses unknown fields, Warn reports them in a `Warning` header).
struct Admission {
  let info: ResourceInfo
  let fieldValidation: String

  /// The admitted object and the warnings to send.
  struct Admitted {
    var object: JSONValue
    var warnings: [String]
  }

  /// Decodes a request body (JSON, or protobuf for the built-in kinds kubectl creates that way)
  /// into an object.
  static func decode(_ body: [UInt8], contentType: String, info: ResourceInfo) throws(StatusError) -> JSONValue {
    guard !body.isEmpty else { throw StatusError.badRequest("the body of the request was empty") }
    switch BodyMediaType(contentType: contentType, info: info) {
    case .protobuf: return try ProtobufBody.decode(body, info: info)
    case .yaml: return try decodeYAML(body, info: info)
    case .json: break
    case .unsupported(let refusal): throw refusal
    }
    do {
      let value = try JSONParser.parse(body)
      guard value.objectValue != nil else {
        throw StatusError.badRequest(
          "the object provided is unrecognized (must be of type \(info.kind)): expected a JSON object")
      }
      return value
    } catch let error as JSONSyntaxError {
      let excerpt = String(decoding: body.prefix(64), as: UTF8.self)
      throw StatusError.badRequest(
        "the object provided is unrecognized (must be of type \(info.kind)): couldn't get version/kind; json parse error: \(error) (\(excerpt))"
      )
    } catch let error as StatusError {
      throw error
    } catch {
      throw StatusError.badRequest("\(error)")
    }
  }

  /// A YAML body (`kubectl create --raw` and other clients may send one) read into an object.
  private static func decodeYAML(_ body: [UInt8], info: ResourceInfo) throws(StatusError) -> JSONValue {
    let value: JSONValue
    do {
      value = try JSONValue.parseYAML(String(decoding: body, as: UTF8.self))
    } catch {
      throw StatusError.badRequest(
        "the object provided is unrecognized (must be of type \(info.kind)): couldn't get version/kind; yaml: \(error)")
    }
    guard value.objectValue != nil else {
      throw StatusError.badRequest(
        "the object provided is unrecognized (must be of type \(info.kind)): expected a YAML mapping")
    }
    return value
  }

  /// Checks the object's apiVersion and kind against the resource, filling them in when absent.
  func checkType(_ object: inout JSONValue) throws(StatusError) {
    let apiVersion = object["apiVersion"]?.stringValue ?? info.apiVersion
    let kind = object["kind"]?.stringValue ?? info.kind
    guard apiVersion == info.apiVersion, kind == info.kind else {
      throw StatusError.badRequest(
        "the API version in the data (\(apiVersion)) does not match the expected API version (\(info.apiVersion))"
          + (kind == info.kind ? "" : " or kind \(kind) is not \(info.kind)"))
    }
    object["apiVersion"] = .string(apiVersion)
    object["kind"] = .string(kind)
    try checkGoTypes(object)  // before any defaulting can overwrite the client's values
  }

  /// Prunes, defaults and validates; `old` is the stored object on update. `typesChecked`: the
  /// object is a body `checkType` already checked plus only the server's own well-typed metadata
  /// (a create), so the Go type check, a walk of the whole object, is not run twice.
  func admit(_ object: JSONValue, old: JSONValue?, typesChecked: Bool = false) throws(StatusError) -> Admitted {
    if !typesChecked { try checkGoTypes(object) }
    var result = object
    var errors = ObjectMetaValidation.errors(object, kind: info.kind, group: info.group)
    var warnings: [String] = []
    if let schema = info.schema {
      let admitted = SchemaAdmission.admit(object, schema: schema)
      result = admitted.object
      errors += admitted.errors
      if !admitted.unknownFields.isEmpty {
        if fieldValidation == "Strict" {
          let list = admitted.unknownFields.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
          throw StatusError.badRequest(
            "\(info.kind) in version \"\(info.version)\" cannot be handled as a \(info.kind): strict decoding error: \(list)"
          )
        }
        if fieldValidation != "Ignore" { warnings += admitted.unknownFields.map { "unknown field \"\($0)\"" } }
      }
    }
    if info.group == "ai.aiconsole.dev" {
      AIAdmission.applyDefaults(kind: info.kind, to: &result)
      errors += AIAdmission.validate(kind: info.kind, object: result, old: old)
    }
    if info.group.isEmpty, info.kind == "Pod" { errors += Self.admitPod(&result, old: old) }
    if info.group.isEmpty, info.kind == "Service" {
      ServiceAdmission.applyDefaults(to: &result, old: old)
      errors += ServiceAdmission.validate(result, old: old)
    }
    if info.group.isEmpty, info.kind == "ConfigMap" { errors += DataKeyValidation.configMapErrors(result) }
    if info.group.isEmpty, info.kind == "Secret" { errors += DataKeyValidation.secretErrors(result) }
    if info.group == "apiextensions.k8s.io", info.kind == "CustomResourceDefinition" {
      errors += CustomResourceDefinitions.validate(result)
    }
    if info.group == "apps", info.kind == "Deployment" {
      DeploymentAdmission.applyDefaults(to: &result)
      errors += DeploymentAdmission.validate(result, old: old)
    }
    guard errors.isEmpty else {
      let name = object["metadata"]?["name"]?.stringValue ?? object["metadata"]?["generateName"]?.stringValue ?? ""
      throw StatusError.invalid(kind: info.kind, group: info.group, name: name, errors: errors)
    }
    return Admitted(object: result, warnings: warnings)
  }

  /// Refuses a value of the wrong JSON type as kube-apiserver's decoder does, with 400 before any
  /// validation: built-in kinds against their Go structs, custom resources' metadata against ObjectMeta.
  func checkGoTypes(_ object: JSONValue) throws(StatusError) {
    let root = BuiltinGoTypes.roots["\(info.group)/\(info.kind)"] ?? BuiltinGoTypes.unstructured
    guard let error = BuiltinGoTypes.check.firstError(object, root: root) else { return }
    throw StatusError.badRequest(
      "\(info.kind) in version \"\(info.version)\" cannot be handled as a \(info.kind): \(error)")
  }

  /// A Pod's defaults; on create the status kube-apiserver starts it with, on update the rules
  /// of what may change (the QoS class stays as computed on create).
  private static func admitPod(_ pod: inout JSONValue, old: JSONValue?) -> [FieldError] {
    PodDefaults.apply(to: &pod)
    guard let old else {
      pod["status"] = PodDefaults.initialStatus(of: pod)
      return []
    }
    if let qosClass = old["status"]?["qosClass"] { pod.set(qosClass, at: ["status", "qosClass"]) }
    var before = old
    PodDefaults.apply(to: &before)  // a Pod stored before these defaults existed
    return PodUpdateRules.errors(old: before, new: pod)
  }
}
