import ClusterClient
import Foundation
import KubeCore
import Views

/// The columns of one list and how an object fills them: richer columns for aiconsole's own kinds,
/// the CRD's printer columns for any other AI kind, and a common set when all AI kinds are listed
/// together (`:ai`). The first column is always the health glyph.
struct ResourceColumns {
  /// How cells are computed.
  enum Layout {
    case aiCluster, inferenceService, route, modelDeployment, contextSchema, application
    /// Any other kind: its printer columns (name, JSONPath).
    case printer([(name: String, path: JSONPath)])
    /// All AI kinds in one list.
    case allKinds
  }

  let layout: Layout
  let columns: [TableColumn]

  static let ourGroup = "ai.aiconsole.dev"

  /// Whether the list has tokens/s or GPU columns.
  var showsMetrics: Bool {
    switch layout {
    case .aiCluster, .inferenceService, .route: return true
    default: return false
    }
  }

  /// The columns for one kind; `definition` is its CustomResourceDefinition when cached.
  static func forKind(_ resource: APIResource, definition: JSONValue?) -> ResourceColumns {
    let layout: Layout
    switch resource.group == ourGroup ? resource.kind : "" {
    case "AICluster": layout = .aiCluster
    case "InferenceService": layout = .inferenceService
    case "AIModelRoute": layout = .route
    case "ModelDeployment": layout = .modelDeployment
    case "ModelContextSchema": layout = .contextSchema
    case "AIApplication": layout = .application
    default: layout = .printer(printerColumns(definition, version: resource.version))
    }
    return ResourceColumns(layout: layout, columns: columns(layout, namespaced: resource.namespaced))
  }

  /// All AI kinds together.
  static let allKinds = ResourceColumns(layout: .allKinds, columns: columns(.allKinds, namespaced: true))

  /// The CRD's printer columns for `version` shown by default (priority 0), less the age, which
  /// every list shows last anyway.
  static func printerColumns(_ definition: JSONValue?, version: String) -> [(name: String, path: JSONPath)] {
    let versions = definition?[path: ["spec", "versions"]]?.arrayValue ?? []
    let entry = versions.first { $0["name"]?.stringValue == version }
    return (entry?["additionalPrinterColumns"]?.arrayValue ?? []).compactMap { column in
      guard let name = column["name"]?.stringValue, let path = column["jsonPath"]?.stringValue,
        (column["priority"]?.intValue ?? 0) == 0, path != ".metadata.creationTimestamp"
      else { return nil }
      return (name.uppercased(), JSONPath(path))
    }
  }

  private static func columns(_ layout: Layout, namespaced: Bool) -> [TableColumn] {
    var titles: [TableColumn] = [TableColumn(" ", width: .fixed(1))]
    if case .allKinds = layout { titles.append(TableColumn("KIND", width: .fit(minimum: 4, maximum: 18))) }
    if namespaced { titles.append(TableColumn("NAMESPACE", width: .fit(minimum: 9, maximum: 20))) }
    titles.append(TableColumn("NAME", width: .flex(weight: 3, minimum: 12)))
    let widest = if case .printer = layout { 48 } else { 28 }
    for title in extraTitles(layout) {
      let numeric = ["READY", "TOKENS/S", "GPU%", "FIELDS", "SERVICES", "ROUTES"].contains(title)
      titles.append(
        TableColumn(title, width: .fit(minimum: title.count, maximum: widest), alignment: numeric ? .right : .left))
    }
    titles.append(TableColumn("AGE", width: .fixed(7), alignment: .right))
    return titles
  }

  private static func extraTitles(_ layout: Layout) -> [String] {
    switch layout {
    case .aiCluster: return ["MODEL", "VERSION", "READY", "REVISION", "TOKENS/S", "GPU%", "RECONCILE"]
    case .inferenceService: return ["MODEL", "READY", "CANARY", "STATUS", "TOKENS/S", "GPU%", "RECONCILE"]
    case .route: return ["MODEL", "BACKENDS", "AUTH", "LIMIT", "CACHE", "TOKENS/S", "RECONCILE"]
    case .modelDeployment: return ["MODEL", "VERSION", "RUNTIME", "PHASE", "RECONCILE"]
    case .contextSchema: return ["FIELDS", "READY", "RECONCILE"]
    case .application: return ["HEALTH", "SERVICES", "ROUTES", "RECONCILE"]
    case .printer(let columns): return columns.map(\.name) + ["READY"]
    case .allKinds: return ["READY", "MODEL", "RECONCILE"]
    }
  }

  /// The row of `object`, its id unique across kinds.
  func row(_ object: JSONValue, resource: APIResource, context: RowContext) -> TableRow {
    let health = Health.of(object)
    var cells = [health.glyph]
    if case .allKinds = layout { cells.append(resource.kind) }
    if resource.namespaced { cells.append(object[path: ["metadata", "namespace"]]?.stringValue ?? "") }
    cells.append(object[path: ["metadata", "name"]]?.stringValue ?? "")
    cells += extraCells(object, resource: resource, context: context)
    cells.append(context.age(object))
    return TableRow(id: Self.rowID(resource, object), cells: cells, role: health == .ok ? nil : health.role)
  }

  /// `kind.group/namespace/name`: stable across updates and unique in the all-kinds list.
  static func rowID(_ resource: APIResource, _ object: JSONValue) -> String {
    let namespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
    let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
    return "\(resource.kind).\(resource.group)/\(namespace)/\(name)"
  }
}
