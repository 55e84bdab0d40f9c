import Foundation
import KubeCore

/// Everything the server knows about one served resource: names for discovery, scope, verbs,
/// subresources, printer columns and, for custom resources, the schema that admission enforces.
struct ResourceInfo: Sendable {
  /// The replicas paths a `scale` subresource reads and writes.
  struct ScalePaths: Sendable {
    /// Where the Scale's `status.selector` comes from.
    enum Selector: Sendable {
      /// A string already in selector syntax (a CRD's `labelSelectorPath`).
      case text(path: String)
      /// A `metav1.LabelSelector` object that the server renders (a Deployment's `.spec.selector`).
      case object(path: String)
    }

    var specReplicasPath: String
    var statusReplicasPath: String
    var selector: Selector?
  }

  var group: String
  var version: String
  var plural: String
  var singular: String
  var kind: String
  var namespaced: Bool
  var shortNames: [String] = []
  var categories: [String] = []
  var hasStatus = false
  /// Whether create drops a client-sent status, as the real server does for custom resources and
  /// for controller-owned built-ins such as Deployments (Nodes and Pods keep theirs).
  var resetsStatusOnCreate = false
  /// Whether `metadata.generation` is kept. kube-apiserver sets it only for kinds with a spec that
  /// a controller acts on (custom resources, Deployments, Pods, CRDs), never for ConfigMaps,
  /// Secrets, Services, Namespaces, Nodes, Events, Leases or ControllerRevisions.
  var tracksGeneration = true
  var scale: ScalePaths?
  var hasLog = false
  /// Whether the `binding` subresource assigns objects to nodes (Pods).
  var hasBinding = false
  /// Field selector labels beyond `metadata.name` and `metadata.namespace` (the real server's
  /// per-kind field label conversions, such as `involvedObject.name` for Events).
  var fieldLabels: Set<String> = []
  var columns: [PrinterColumn] = []
  /// The `conditions` of an object's Table row (kube-apiserver marks finished pods `Completed`).
  var rowConditions: (@Sendable (JSONValue) -> JSONValue?)?
  /// The `openAPIV3Schema` of a custom resource's served version.
  var schema: JSONValue?
  /// Whether the object was registered from a CustomResourceDefinition.
  var isCustom = false

  var groupResource: GroupResource { GroupResource(group: group, resource: plural) }
  var groupVersion: GroupVersion { GroupVersion(group: group, version: version) }
  var apiVersion: String { groupVersion.description }
  var listKind: String { kind + "List" }

  static let verbs = ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"]
}

/// One column of `kubectl get` output: a JSONPath into the object, or a value computed from it.
struct PrinterColumn: Sendable {
  /// Where a cell's value comes from.
  enum Source: Sendable {
    /// A custom resource's column: the first JSONPath result, formatted by the column's `type`.
    case jsonPath(String)
    /// A built-in printer's cell, as it is (an integer cell may sit under a `string` column).
    case computed(@Sendable (JSONValue) -> JSONValue)
    /// A built-in printer's cell that depends on the time of the request (ages, `3 (5m ago)`).
    case printed(@Sendable (JSONValue, Date) -> JSONValue)
  }

  var name: String
  var type: String
  var format: String = ""
  var description: String = ""
  var priority: Int = 0
  var source: Source
}
