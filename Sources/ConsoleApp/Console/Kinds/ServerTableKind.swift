import ClusterClient
import KubeCore
import Views

/// A kind the console watches as the server's Table (`:pods`, `:deploy`, any custom resource of
/// another group): the columns `kubectl get` shows, in its order, filled with the server's cells.
/// The name leads and the age ends every list, so those two come from the object instead: the
/// age then keeps moving with the clock.
enum ServerTableKind {
  /// A column of the server's Table, where its cells stand in each row.
  struct ShownColumn: Sendable {
    var index: Int
    var column: ServerTable.Column
  }

  /// The descriptor of `resource` from its Table's `columns` (none while no row arrived yet).
  static func descriptor(_ resource: APIResource, columns: [ServerTable.Column]) -> KindDescriptor {
    let shown = shownColumns(columns)
    return KindDescriptor(
      resource: resource, columns: shown.map { tableColumn($0.column) },
      cells: { object, context in
        let row = context.serverCells(object)
        return shown.map { cell(row, $0.index) }
      })
  }

  /// The columns `kubectl get` shows by default (priority 0), less the name and the age.
  static func shownColumns(_ columns: [ServerTable.Column]) -> [ShownColumn] {
    columns.enumerated().compactMap { index, column in
      guard column.priority == 0, column.format != "name", column.name != "Age" else { return nil }
      return ShownColumn(index: index, column: column)
    }
  }

  /// The list column of a Table column: its title upper-cased as kubectl prints it, numbers
  /// aligned right.
  static func tableColumn(_ column: ServerTable.Column) -> TableColumn {
    KindDescriptor.column(column.name.uppercased(), numeric: ["integer", "number"].contains(column.type), widest: 48)
  }

  /// The text of one cell; `<none>` where the server sent nothing, as kubectl prints it.
  static func cell(_ row: [JSONValue], _ index: Int) -> String {
    guard row.indices.contains(index) else { return "" }
    return ResourceColumns.text(row[index], or: "<none>")
  }
}
