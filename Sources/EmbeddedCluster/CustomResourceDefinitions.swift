import Foundation
import KubeCore

/// Reads a CustomResourceDefinition into the resources it serves, and fills in the status a real
/// apiextensions server reports once the names are accepted.
enum CustomResourceDefinitions {
  /// The resources a CRD serves, one per served version; errors name the bad CRD field.
  static func resources(of crd: JSONValue) throws(StatusError) -> [ResourceInfo] {
    let errors = validate(crd)
    let name = crd["metadata"]?["name"]?.stringValue ?? ""
    guard errors.isEmpty else {
      throw .invalid(kind: "CustomResourceDefinition", group: "apiextensions.k8s.io", name: name, errors: errors)
    }
    let spec = crd["spec"] ?? .emptyObject
    let names = spec["names"] ?? .emptyObject
    let plural = names["plural"]?.stringValue ?? ""
    let base = ResourceInfo(
      group: spec["group"]?.stringValue ?? "", version: "", plural: plural,
      singular: names["singular"]?.stringValue ?? names["kind"]?.stringValue?.lowercased() ?? plural,
      kind: names["kind"]?.stringValue ?? "", namespaced: spec["scope"]?.stringValue != "Cluster",
      shortNames: (names["shortNames"]?.arrayValue ?? []).compactMap(\.stringValue),
      categories: (names["categories"]?.arrayValue ?? []).compactMap(\.stringValue), isCustom: true)
    return (spec["versions"]?.arrayValue ?? []).filter { $0["served"]?.boolValue != false }.map { version in
      var info = base
      info.version = version["name"]?.stringValue ?? "v1"
      info.hasStatus = version["subresources"]?["status"] != nil
      info.scale = version["subresources"]?["scale"].map(scalePaths)
      info.schema = version["schema"]?["openAPIV3Schema"]
      info.columns = columns(version["additionalPrinterColumns"]?.arrayValue ?? [])
      return info
    }
  }

  /// Every reason kube-apiserver would refuse this CRD (see `CRDValidation`).
  static func validate(_ crd: JSONValue) -> [FieldError] { CRDValidation.errors(crd) }

  private static func scalePaths(_ scale: JSONValue) -> ResourceInfo.ScalePaths {
    ResourceInfo.ScalePaths(
      specReplicasPath: scale["specReplicasPath"]?.stringValue ?? ".spec.replicas",
      statusReplicasPath: scale["statusReplicasPath"]?.stringValue ?? ".status.replicas",
      selector: scale["labelSelectorPath"]?.stringValue.map { .text(path: $0) })
  }

  private static func columns(_ definitions: [JSONValue]) -> [PrinterColumn] {
    definitions.map { column in
      let path = column["jsonPath"]?.stringValue ?? ""
      return PrinterColumn(
        name: column["name"]?.stringValue ?? "", type: column["type"]?.stringValue ?? "string",
        format: column["format"]?.stringValue ?? "",
        description: column["description"]?.stringValue
          ?? "Custom resource definition column (in JSONPath format): \(path)",
        priority: Int(column["priority"]?.intValue ?? 0), source: .jsonPath(path))
    }
  }

  /// The CRD with `status.acceptedNames`, `storedVersions` and the Established and NamesAccepted conditions.
  static func withEstablishedStatus(_ crd: JSONValue, now: String) -> JSONValue {
    var crd = crd
    let names = crd["spec"]?["names"] ?? .emptyObject
    let storage = (crd["spec"]?["versions"]?.arrayValue ?? []).filter { $0["storage"]?.boolValue == true }
    let condition: (String, String, String) -> JSONValue = { type, reason, message in
      [
        "type": .string(type), "status": "True", "lastTransitionTime": .string(now), "reason": .string(reason),
        "message": .string(message),
      ]
    }
    crd["status"] = [
      "conditions": [
        condition("NamesAccepted", "NoConflicts", "no conflicts found"),
        condition("Established", "InitialNamesAccepted", "the initial names have been accepted"),
      ],
      "acceptedNames": names,
      "storedVersions": .array(storage.compactMap { $0["name"] }),
    ]
    return crd
  }
}
