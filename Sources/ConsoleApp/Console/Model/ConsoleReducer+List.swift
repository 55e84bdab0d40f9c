import ClusterClient
import KubeCore
import Views

extension ConsoleReducer {
  /// Brings the list up to date: the rows of changed objects one by one, or everything after a
  /// change of listing, namespace or kinds, or when a batch is too large to patch row by row.
  static func settleList(_ state: inout ConsoleState) {
    if state.listNeedsRebuild || state.pendingRows.count > rebuildThreshold {
      rebuildList(&state)
      return
    }
    guard !state.pendingRows.isEmpty else { return }
    let context = rowContext(state)
    for id in state.pendingRows {
      if let (resource, object) = state.object(ofRow: id), state.isListed(resource, object) {
        state.table.upsert(row(object, resource, state: state, context: context))
      } else {
        state.table.remove(id: id)
      }
    }
    state.pendingRows.removeAll()
  }

  /// Every row again, from the store; keeps the selection, filter and sort.
  static func rebuildList(_ state: inout ConsoleState) {
    switch state.listing {
    case .allKinds: state.columns = .allKinds
    case .kind(let resource):
      state.columns = .forKind(resource, definition: state.store.definition(of: resource))
    }
    let context = rowContext(state)
    var rows: [TableRow] = []
    for resource in state.listedKinds {
      for object in state.store.objects(of: resource) where state.isListed(resource, object) {
        rows.append(row(object, resource, state: state, context: context))
      }
    }
    rows.sort { $0.id < $1.id }
    state.table.setRows(rows)
    state.pendingRows.removeAll()
    state.listNeedsRebuild = false
  }

  /// The row of one object, highlighted while it flashes.
  static func row(_ object: JSONValue, _ resource: APIResource, state: ConsoleState, context: RowContext) -> TableRow {
    var row = state.columns.row(object, resource: resource, context: context)
    if state.flashing[row.id] != nil { row.role = .flashInfo }
    return row
  }

  /// The clock and metric lookups the rows are filled with.
  static func rowContext(_ state: ConsoleState) -> RowContext {
    RowContext(now: state.now)
  }
}
