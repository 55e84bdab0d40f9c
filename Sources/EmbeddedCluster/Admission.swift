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
    if ProtobufBody.isProtobuf(contentType) { return try ProtobufBody.decode(body, info: info) }
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
  }

  /// Prunes, defaults and validates; `old` is the stored object on update.
  func admit(_ object: JSONValue, old: JSONValue?) throws(StatusError) -> Admitted {
    var result = object
    var errors = Self.metadataErrors(object)
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

  private static func metadataErrors(_ object: JSONValue) -> [FieldError] {
    guard let name = object["metadata"]?["name"]?.stringValue else { return [] }
    let valid =
      !name.isEmpty && name.count <= 253
      && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
      && name.first.map { $0.isLetter || $0.isNumber } == true && name.last.map { $0.isLetter || $0.isNumber } == true
    guard !valid else { return [] }
    return [
      FieldError(
        field: "metadata.name", reason: .invalid,
        message:
          "Invalid value: \"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
      )
    ]
  }
}
