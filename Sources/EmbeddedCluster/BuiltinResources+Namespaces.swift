import KubeCore

extension BuiltinResources {
  /// Core `v1` Namespaces: Status is `status.phase`.
  static let namespaces = ResourceInfo(
    group: "", version: "v1", plural: "namespaces", singular: "namespace", kind: "Namespace", namespaced: false,
    shortNames: ["ns"], hasStatus: true, tracksGeneration: false,
    columns: [
      PrinterColumn(
        name: "Status", type: "string", description: "The status of the namespace",
        source: .computed { .string($0["status"]?["phase"]?.stringValue ?? "") }),
      ageColumn,
    ])
}
