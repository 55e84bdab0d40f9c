import KubeCore
import Views

/// A kind the console has no descriptor of (another group's custom resource): its CRD's printer
/// columns and its `Ready` condition.
enum PrinterColumnsKind {
  /// The descriptor of `resource`; `definition` is its CustomResourceDefinition when cached.
  static func descriptor(_ resource: APIResource, definition: JSONValue?) -> KindDescriptor {
    let printed = printerColumns(definition, version: resource.version)
    return KindDescriptor(
      resource: resource,
      columns: printed.map { KindDescriptor.column($0.name, widest: 48) } + [
        KindDescriptor.column("READY", numeric: true, widest: 48)
      ],
      cells: { object, _ in
        printed.map { ResourceColumns.text($0.path.evaluate(object).first) }
          + [ResourceColumns.conditionStatus(object, "Ready")]
      })
  }

  /// The CRD's printer columns for `version` shown by default (priority 0), less the age, which
  /// every list shows last anyway.
  static func printerColumns(_ definition: JSONValue?, version: String) -> [(name: String, path: JSONPath)] {
    let versions = definition?[path: ["spec", "versions"]]?.arrayValue ?? []
    let entry = versions.first { $0["name"]?.stringValue == version }
    return (entry?["additionalPrinterColumns"]?.arrayValue ?? []).compactMap { column in
      guard let name = column["name"]?.stringValue, let path = column["jsonPath"]?.stringValue,
        (column["priority"]?.intValue ?? 0) == 0, path != ".metadata.creationTimestamp"
      else { return nil }
      return (name.uppercased(), JSONPath(path))
    }
  }
}
