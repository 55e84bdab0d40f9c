import Foundation
import KubeCore

/// `ValidateCustomResourceDefinition` of apiextensions-apiserver (v1): group, names, scope,
/// versions (one storage version, unique DNS-1035 names, a schema each), printer columns, and each
/// schema's OpenAPI and structural rules. Every bad field is reported.
enum CRDValidation {
  static func errors(_ crd: JSONValue) -> [FieldError] {
    let spec = crd["spec"] ?? .emptyObject
    var errors = groupErrors(spec["group"]?.stringValue ?? "")
    errors += nameErrors(spec["names"] ?? .emptyObject)
    errors += scopeErrors(spec["scope"]?.stringValue ?? "")
    errors += versionErrors(spec["versions"]?.arrayValue ?? [])
    let name = crd["metadata"]?["name"]?.stringValue ?? ""
    let group = spec["group"]?.stringValue ?? ""
    let plural = spec["names"]?["plural"]?.stringValue ?? ""
    if !group.isEmpty, !plural.isEmpty, name != "\(plural).\(group)" {
      errors.append(
        ObjectMetaValidation.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"))
    }
    return errors
  }

  private static func groupErrors(_ group: String) -> [FieldError] {
    guard !group.isEmpty else { return [required("spec.group")] }
    var errors = NameSyntax.dns1123Subdomain(group).map { ObjectMetaValidation.invalid("spec.group", group, $0) }
    if !group.contains(".") {
      errors.append(ObjectMetaValidation.invalid("spec.group", group, "should be a domain with at least one dot"))
    }
    return errors
  }

  private static func scopeErrors(_ scope: String) -> [FieldError] {
    switch scope {
    case "": return [required("spec.scope")]
    case "Cluster", "Namespaced": return []
    default: return [notSupported("spec.scope", scope, ["Cluster", "Namespaced"])]
    }
  }

  private static func nameErrors(_ names: JSONValue) -> [FieldError] {
    var errors: [FieldError] = []
    let plural = names["plural"]?.stringValue ?? ""
    let kind = names["kind"]?.stringValue ?? ""
    if plural.isEmpty { errors.append(required("spec.names.plural")) }
    if kind.isEmpty { errors.append(required("spec.names.kind")) }
    for field in ["plural", "singular"] {
      guard let value = names[field]?.stringValue, !value.isEmpty else { continue }
      let problems = NameSyntax.dns1035Label(value)
      if !problems.isEmpty {
        errors.append(ObjectMetaValidation.invalid("spec.names.\(field)", value, problems.joined(separator: ",")))
      }
    }
    for field in ["kind", "listKind"] {
      guard let value = names[field]?.stringValue, !value.isEmpty else { continue }
      let problems = NameSyntax.dns1035Label(value.lowercased())
      if !problems.isEmpty {
        errors.append(
          ObjectMetaValidation.invalid(
            "spec.names.\(field)", value,
            "may have mixed case, but should otherwise match: " + problems.joined(separator: ",")))
      }
    }
    if let listKind = names["listKind"]?.stringValue, !listKind.isEmpty, listKind == kind {
      errors.append(
        ObjectMetaValidation.invalid("spec.names.listKind", listKind, "kind and listKind may not be the same"))
    }
    for (index, shortName) in (names["shortNames"]?.arrayValue ?? []).compactMap(\.stringValue).enumerated() {
      let problems = NameSyntax.dns1035Label(shortName)
      if !problems.isEmpty {
        errors.append(
          ObjectMetaValidation.invalid("spec.names.shortNames[\(index)]", shortName, problems.joined(separator: ",")))
      }
    }
    return errors
  }

  private static func versionErrors(_ versions: [JSONValue]) -> [FieldError] {
    guard !versions.isEmpty else {
      return [
        FieldError(
          field: "spec.versions", reason: .required,
          message: "Required value: must have exactly one version marked as storage version")
      ]
    }
    var errors: [FieldError] = []
    let storageCount = versions.filter { $0["storage"]?.boolValue == true }.count
    if storageCount != 1 {
      errors.append(
        FieldError(
          field: "spec.versions", reason: .invalid,
          message:
            "Invalid value: \(JSONValue.array(versions.map(summary)).jsonString): must have exactly one version marked as storage version"
        ))
    }
    var seen: Set<String> = []
    for (index, version) in versions.enumerated() {
      let path = "spec.versions[\(index)]"
      let name = version["name"]?.stringValue ?? ""
      if name.isEmpty {
        errors.append(required("\(path).name"))
      } else {
        errors += NameSyntax.dns1035Label(name).map { ObjectMetaValidation.invalid("\(path).name", name, $0) }
        if !seen.insert(name).inserted {
          errors.append(ObjectMetaValidation.invalid("\(path).name", name, "must be unique"))
        }
      }
      if version["served"] == nil { errors.append(required("\(path).served")) }
      if version["storage"] == nil { errors.append(required("\(path).storage")) }
      if let schema = version["schema"]?["openAPIV3Schema"] {
        errors += CRDSchemaValidation.errors(schema, path: "\(path).schema.openAPIV3Schema")
      } else {
        errors.append(
          FieldError(
            field: "\(path).schema.openAPIV3Schema", reason: .required, message: "Required value: schemas are required")
        )
      }
      errors += columnErrors(version["additionalPrinterColumns"]?.arrayValue ?? [], path: path)
    }
    return errors
  }

  /// What a version is, for the storage-version message (its name and flags).
  private static func summary(_ version: JSONValue) -> JSONValue {
    ["name": version["name"] ?? "", "served": version["served"] ?? false, "storage": version["storage"] ?? false]
  }

  private static func columnErrors(_ columns: [JSONValue], path: String) -> [FieldError] {
    var errors: [FieldError] = []
    for (index, column) in columns.enumerated() {
      let columnPath = "\(path).additionalPrinterColumns[\(index)]"
      if (column["name"]?.stringValue ?? "").isEmpty { errors.append(required("\(columnPath).name")) }
      if (column["jsonPath"]?.stringValue ?? "").isEmpty { errors.append(required("\(columnPath).jsonPath")) }
      let type = column["type"]?.stringValue ?? ""
      let types = ["boolean", "date", "integer", "number", "string"]
      if type.isEmpty {
        errors.append(required("\(columnPath).type"))
      } else if !types.contains(type) {
        errors.append(notSupported("\(columnPath).type", type, types))
      }
    }
    return errors
  }

  static func required(_ field: String) -> FieldError {
    FieldError(field: field, reason: .required, message: "Required value")
  }

  static func notSupported(_ field: String, _ value: String, _ supported: [String]) -> FieldError {
    let list = supported.map { JSONValue.string($0).jsonString }.joined(separator: ", ")
    return FieldError(
      field: field, reason: .notSupported,
      message: "Unsupported value: \(JSONValue.string(value).jsonString): supported values: \(list)")
  }
}
