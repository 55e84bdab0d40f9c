import ClusterClient
import KubeCore

/// The kinds the console knows how to show: our descriptors, and for every other kind the
/// server serves a descriptor made from what discovery and its CRD say. A value handed to the
/// console's state when it starts (no global registry), so that tests and other worlds can
/// bring their own.
struct KindRegistry: Sendable {
  /// Our AI kinds, each described once.
  static let ours = KindRegistry(descriptors: [
    AIClusterKind.descriptor, InferenceServiceKind.descriptor, AIModelRouteKind.descriptor,
    ModelDeploymentKind.descriptor, ModelContextSchemaKind.descriptor, AIApplicationKind.descriptor,
  ])

  /// The described kinds by group and kind.
  private let described: [GroupKind: KindDescriptor]

  /// Kinds watched as the server's Table that have a descriptor of ours built on its columns.
  static let tableKinds: [GroupKind: @Sendable (APIResource, [ServerTable.Column]) -> KindDescriptor] = [
    GroupKind(CoreResources.pods): PodKind.descriptor, GroupKind(CoreResources.nodes): NodeKind.descriptor,
    GroupKind(CoreResources.events): EventKind.descriptor,
  ]

  /// Every described kind, by kind name: sorted once, as the owner tree reads it per object.
  let all: [KindDescriptor]

  init(descriptors: [KindDescriptor]) {
    described = Dictionary(descriptors.map { (GroupKind($0.resource), $0) }, uniquingKeysWith: { first, _ in first })
    all = described.values.sorted { $0.resource.kind < $1.resource.kind }
  }

  /// The descriptor of `resource`: ours when we described it, else one from its printer columns
  /// (`definition` is its CustomResourceDefinition when cached).
  /// `table` is the server's Table columns of a kind watched as a Table.
  func descriptor(for resource: APIResource, definition: JSONValue? = nil, table: [ServerTable.Column]? = nil)
    -> KindDescriptor
  {
    guard var descriptor = described[GroupKind(resource)] else {
      if let table {
        var built = (Self.tableKinds[GroupKind(resource)] ?? ServerTableKind.descriptor)(resource, table)
        if resource.verbs.contains("delete") { built.operations.insert(.delete) }
        return built
      }
      return PrinterColumnsKind.descriptor(resource, definition: definition)
    }
    // The server's own description (version, verbs) wins over ours.
    descriptor.resource = resource
    return descriptor
  }

  /// The descriptor of an object by its `apiVersion` and `kind`, when the kind is described.
  func descriptor(of object: JSONValue) -> KindDescriptor? {
    described[GroupKind(group: DetailFields.group(object), kind: DetailFields.kind(object))]
  }

  /// Whether `resource` is one we described.
  func describes(_ resource: APIResource) -> Bool { described[GroupKind(resource)] != nil }
}

/// A kind within its group: what identifies a kind across versions.
struct GroupKind: Hashable, Sendable {
  var group: String
  var kind: String

  init(group: String, kind: String) {
    self.group = group
    self.kind = kind
  }

  init(_ resource: APIResource) { self.init(group: resource.group, kind: resource.kind) }
}
