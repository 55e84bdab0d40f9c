import KubeCore

/// The built-in resources the embedded server serves, each kind with the columns kube-apiserver's
/// printers give it (in `BuiltinResources+<Kind>.swift`).
enum BuiltinResources {
  static let all: [ResourceInfo] = [
    namespaces, nodes, pods, services, serviceAccounts, secrets, configMaps, events, deployments,
    controllerRevisions, leases, customResourceDefinitions,
  ]

  static let customResourceDefinitions = ResourceInfo(
    group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions",
    singular: "customresourcedefinition", kind: "CustomResourceDefinition", namespaced: false,
    shortNames: ["crd", "crds"], hasStatus: true,
    columns: [PrinterColumn(name: "Created At", type: "date", source: .jsonPath(".metadata.creationTimestamp"))])
}
