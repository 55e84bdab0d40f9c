import KubeCore
import Views

/// Everything the console knows of one kind, in one value: the resource it is served as, the
/// list's columns and how an object fills them, which operations apply to it, how it links to
/// the objects around it (the pods serving it, its place in the owner tree) and the summary its
/// detail opens with. Our AI kinds each have a descriptor of their own (`AIClusterKind`, …);
/// any other kind gets `KindDescriptor.generic`, drawn from its printer columns. Adding a kind
/// to the console is adding one descriptor to `KindRegistry.ours`.
struct KindDescriptor: Sendable {
  /// The resource, as discovery serves it.
  var resource: APIResource
  /// The columns between NAME and AGE.
  var columns: [TableColumn]
  /// The cells of those columns for one object.
  var cells: @Sendable (JSONValue, RowContext) -> [String]
  /// Whether the cells read live metrics (tokens/s, GPU), so the list needs the pod index.
  var showsMetrics = false
  /// The operation keys that apply to an object of the kind.
  var operations: Set<ConsoleAction> = []
  /// How to reach the pods that serve an object; empty when the kind has no instances.
  var instances: [KindLink] = []
  /// The objects under one in the owner tree beyond those that name it as their owner.
  var children: [KindLink] = []
  /// The model an object serves, for the all-kinds list and the metrics pane.
  var model: @Sendable (JSONValue) -> String? = { _ in nil }
  /// Whether an object is a gateway route: its name labels the gateway's metrics and its tokens
  /// are its model's at the gateway.
  var isGatewayRoute = false
  /// The first fields of the detail pane.
  var summary: @Sendable (JSONValue) -> [KeyValueList.Item] = KindDescriptor.flattenedSpec

  /// Whether the kind's objects are served by pods, so that none is worth saying.
  var hasInstances: Bool { !instances.isEmpty }

  /// Whether `action` applies to the kind.
  func allows(_ action: ConsoleAction) -> Bool { operations.contains(action) }

  /// A column of the list, sized to its content; numbers align right.
  static func column(_ title: String, numeric: Bool = false, widest: Int = 28) -> TableColumn {
    TableColumn(title, width: .fit(minimum: title.count, maximum: widest), alignment: numeric ? .right : .left)
  }

  /// A summary built from the object's spec and status into a field list.
  static func fields(
    _ build: @escaping @Sendable (_ spec: JSONValue, _ status: JSONValue, _ list: inout DetailFieldList) -> Void
  ) -> @Sendable (JSONValue) -> [KeyValueList.Item] {
    { object in
      var list = DetailFieldList()
      build(object["spec"] ?? .emptyObject, object["status"] ?? .emptyObject, &list)
      return list.items
    }
  }

  /// `spec.modelName`, the model of the kinds that name it so.
  @Sendable static func specModelName(_ object: JSONValue) -> String? {
    object[path: ["spec", "modelName"]]?.stringValue
  }

  /// How many flattened spec fields the summary of a kind without one of its own shows.
  static let flattenedLimit = 12

  /// A kind nobody described: its spec's scalar fields as dotted paths.
  @Sendable static func flattenedSpec(_ object: JSONValue) -> [KeyValueList.Item] {
    let flat = DetailFields.flatten(object["spec"] ?? .emptyObject)
    var items = flat.prefix(flattenedLimit).map { KeyValueList.Item($0.key, $0.value) }
    if flat.count > flattenedLimit {
      items.append(KeyValueList.Item("…", "\(flat.count - flattenedLimit) more fields (d: describe)"))
    }
    return items
  }
}
