import KubeCore

extension BuiltinResources {
  /// `coordination.k8s.io/v1` Leases, with the columns of kube-apiserver's lease printer (no
  /// reference recording; taken from printers.go): Holder (empty without one), Age.
  static let leases = ResourceInfo(
    group: "coordination.k8s.io", version: "v1", plural: "leases", singular: "lease", kind: "Lease", namespaced: true,
    tracksGeneration: false,
    columns: [
      PrinterColumn(
        name: "Holder", type: "string",
        description:
          "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.",
        source: .computed { .string($0["spec"]?["holderIdentity"]?.stringValue ?? "") }),
      ageColumn,
    ])
}
