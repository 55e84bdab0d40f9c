import ClusterClient
import Foundation
import KubeCore
import Views

/// The columns of one list and how an object fills them: one kind's columns from its
/// descriptor, or a common set when all AI kinds are listed together (`:ai`). The first column is
/// always the health glyph.
struct ResourceColumns {
  /// How cells are computed.
  enum Layout {
    /// One kind, as its descriptor says.
    case kind(KindDescriptor)
    /// All AI kinds in one list.
    case allKinds
  }

  let layout: Layout
  let columns: [TableColumn]

  /// Whether the list has tokens/s or GPU columns.
  var showsMetrics: Bool {
    if case .kind(let descriptor) = layout { return descriptor.showsMetrics }
    return false
  }

  /// The columns of one kind.
  static func forKind(_ descriptor: KindDescriptor) -> ResourceColumns {
    ResourceColumns(
      layout: .kind(descriptor),
      columns: leading(kindColumn: false, namespaced: descriptor.resource.namespaced) + descriptor.columns + [age])
  }

  /// All AI kinds together.
  static let allKinds = ResourceColumns(
    layout: .allKinds,
    columns: leading(kindColumn: true, namespaced: true)
      + [
        KindDescriptor.column("READY", numeric: true), KindDescriptor.column("MODEL"),
        KindDescriptor.column("RECONCILE"),
      ] + [age])

  private static let age = TableColumn("AGE", width: .fixed(7), alignment: .right)

  private static func leading(kindColumn: Bool, namespaced: Bool) -> [TableColumn] {
    var titles: [TableColumn] = [TableColumn(" ", width: .fixed(1))]
    if kindColumn { titles.append(TableColumn("KIND", width: .fit(minimum: 4, maximum: 18))) }
    if namespaced { titles.append(TableColumn("NAMESPACE", width: .fit(minimum: 9, maximum: 20))) }
    titles.append(TableColumn("NAME", width: .flex(weight: 3, minimum: 12)))
    return titles
  }

  /// The row of `object`, its id unique across kinds.
  func row(_ object: JSONValue, resource: APIResource, context: RowContext) -> TableRow<ObjectIdentity> {
    let health = Health.of(object)
    // One cell per column: reserved at once, the row's cells are one exact allocation instead of
    // an array grown by doubling (16 slots for 9 cells), held by each of 100,000 rows.
    var cells: [String] = []
    cells.reserveCapacity(columns.count)
    cells.append(health.glyph)
    if case .allKinds = layout { cells.append(resource.kind) }
    if resource.namespaced { cells.append(object[path: ["metadata", "namespace"]]?.stringValue ?? "") }
    cells.append(object[path: ["metadata", "name"]]?.stringValue ?? "")
    switch layout {
    case .kind(let descriptor): cells += descriptor.cells(object, context)
    case .allKinds: cells += [Self.readiness(object), Self.model(object), Self.reconcileSummary(object)]
    }
    cells.append(context.age(object))
    return TableRow(id: ObjectIdentity(resource, object), cells: cells, role: health == .ok ? nil : health.role)
  }

}
