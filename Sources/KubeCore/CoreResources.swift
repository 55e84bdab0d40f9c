/// The built-in resources the project's own code reads or writes, described once as discovery
/// describes them (kube-apiserver 1.36), so that no module spells a resource out by hand.
public enum CoreResources {
  public static let pods = APIResource(
    group: "", version: "v1", name: "pods", kind: "Pod", namespaced: true, shortNames: ["po"],
    categories: ["all"], subresources: ["attach", "binding", "eviction", "exec", "log", "status"])
  public static let events = APIResource(
    group: "", version: "v1", name: "events", kind: "Event", namespaced: true, shortNames: ["ev"])
  public static let nodes = APIResource(
    group: "", version: "v1", name: "nodes", kind: "Node", namespaced: false, shortNames: ["no"],
    subresources: ["status"])
  public static let namespaces = APIResource(
    group: "", version: "v1", name: "namespaces", kind: "Namespace", namespaced: false, shortNames: ["ns"],
    subresources: ["finalize", "status"])
  public static let services = APIResource(
    group: "", version: "v1", name: "services", kind: "Service", namespaced: true, shortNames: ["svc"],
    categories: ["all"], subresources: ["status"])
  public static let secrets = APIResource(group: "", version: "v1", name: "secrets", kind: "Secret", namespaced: true)
  public static let configMaps = APIResource(
    group: "", version: "v1", name: "configmaps", kind: "ConfigMap", namespaced: true, shortNames: ["cm"])
  public static let deployments = APIResource(
    group: "apps", version: "v1", name: "deployments", kind: "Deployment", namespaced: true, shortNames: ["deploy"],
    categories: ["all"], subresources: ["scale", "status"])
  public static let controllerRevisions = APIResource(
    group: "apps", version: "v1", name: "controllerrevisions", kind: "ControllerRevision", namespaced: true)
  public static let leases = APIResource(
    group: "coordination.k8s.io", version: "v1", name: "leases", kind: "Lease", namespaced: true)
  public static let customResourceDefinitions = APIResource(
    group: "apiextensions.k8s.io", version: "v1", name: "customresourcedefinitions",
    kind: "CustomResourceDefinition", namespaced: false, shortNames: ["crd", "crds"], subresources: ["status"])
}
