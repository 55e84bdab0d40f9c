import KubeCore

extension BuiltinResources {
  /// Core `v1` ServiceAccounts (`sa`): Secrets is the number of `secrets` references.
  static let serviceAccounts = ResourceInfo(
    group: "", version: "v1", plural: "serviceaccounts", singular: "serviceaccount", kind: "ServiceAccount",
    namespaced: true, shortNames: ["sa"], tracksGeneration: false,
    columns: [
      PrinterColumn(
        name: "Secrets", type: "string", source: .computed { .int(Int64($0["secrets"]?.arrayValue?.count ?? 0)) }),
      ageColumn,
    ])
}
