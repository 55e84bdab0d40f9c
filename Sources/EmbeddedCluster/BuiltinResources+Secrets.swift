import KubeCore

extension BuiltinResources {
  /// Core `v1` Secrets, with the columns of kube-apiserver's secret printer (no reference
  /// recording; taken from printers.go): Type, Data (an integer cell, `data` keys only), Age.
  static let secrets = ResourceInfo(
    group: "", version: "v1", plural: "secrets", singular: "secret", kind: "Secret", namespaced: true,
    tracksGeneration: false,
    columns: [
      PrinterColumn(
        name: "Type", type: "string",
        description:
          "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types",
        source: .computed { .string($0["type"]?.stringValue ?? "") }),
      PrinterColumn(
        name: "Data", type: "string",
        description:
          "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
        source: .computed { .int(keyCount($0, "data")) }),
      ageColumn,
    ])
}
