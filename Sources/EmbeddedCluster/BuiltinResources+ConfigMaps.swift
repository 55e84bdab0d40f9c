import KubeCore

extension BuiltinResources {
  /// Core `v1` ConfigMaps: Data is an integer cell, the number of `data` and `binaryData` keys.
  static let configMaps = ResourceInfo(
    group: "", version: "v1", plural: "configmaps", singular: "configmap", kind: "ConfigMap", namespaced: true,
    shortNames: ["cm"], tracksGeneration: false,
    columns: [
      PrinterColumn(
        name: "Data", type: "string",
        description:
          "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
        source: .computed { .int(keyCount($0, "data") + keyCount($0, "binaryData")) }),
      ageColumn,
    ])

  /// The number of keys of an object member.
  static func keyCount(_ object: JSONValue, _ member: String) -> Int64 {
    Int64(object[member]?.objectValue?.count ?? 0)
  }
}
