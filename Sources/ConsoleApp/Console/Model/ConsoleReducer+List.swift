import ClusterClient
import KubeCore
import Views

extension ConsoleReducer {
  /// Brings the list up to date: the rows of changed objects patched in, or everything after a
  /// change of listing, namespace or kinds, or when most of the batch is new rows (a first list
  /// arriving at once), where patching would cost as much.
  static func settleList(_ state: inout ConsoleState) {
    let pending = state.pendingRows.count
    if state.listNeedsRebuild || (pending > rebuildThreshold && pending > state.table.rows.count) {
      rebuildList(&state)
      return
    }
    guard pending > 0 else { return }
    let context = rowContext(state)
    var changed: [TableRow<ObjectIdentity>] = []
    var removed: Set<ObjectIdentity> = []
    // New rows in id order, so that rows arriving in one batch land in the same order every time
    // (rows already held keep their place whatever the order); sorting only those keeps a
    // thousand changes a second of known objects from sorting a thousand identities a second.
    // The batch goes in as one merge: row by row, each upsert scanned the whole view.
    var known: [ObjectIdentity] = []
    var arriving: [ObjectIdentity] = []
    for id in state.pendingRows {
      if state.table.contains(id: id) { known.append(id) } else { arriving.append(id) }
    }
    for id in known + identityOrder(arriving).map({ arriving[$0] }) {
      if let (resource, object) = state.object(id), state.isListed(resource, object) {
        changed.append(row(object, resource, state: state, context: context))
      } else {
        removed.insert(id)
      }
    }
    state.table.apply(upserting: changed, removing: removed)
    state.pendingRows.removeAll()
  }

  /// Every row again, from the store; keeps the selection, filter and sort.
  static func rebuildList(_ state: inout ConsoleState) {
    switch state.listing {
    case .allKinds: state.columns = .allKinds
    case .kind(let resource): state.columns = .forKind(state.descriptor(resource))
    }
    let context = rowContext(state)
    var rows: [TableRow<ObjectIdentity>] = []
    for resource in state.listedKinds {
      for object in state.store.objects(of: resource) where state.isListed(resource, object) {
        rows.append(row(object, resource, state: state, context: context))
      }
    }
    // In id order (so that rows tied on the sort column keep one order), sorting positions rather
    // than the rows themselves: moving 10,000 rows' cells about was a third of a rebuild.
    state.table.setRows(identityOrder(rows.map(\.id)).map { rows[$0] })
    // Like kubectl and k9s: by kind when every AI kind is listed, else by name.
    if state.table.sortColumn == nil || state.listNeedsDefaultSort {
      state.table.sort(by: state.listing == .allKinds ? 1 : (state.columns.columns.firstIndex { $0.title == "NAME" }))
      state.listNeedsDefaultSort = false
    }
    state.pendingRows.removeAll()
    state.listNeedsRebuild = false
  }

  /// The positions of `ids` in `ObjectIdentity` order (kind, group, namespace, name), compared as
  /// bytes: the same order as `<` for names without NUL, at a fraction of the cost. Sorting the
  /// identities themselves compared four Strings and copied five references per step, which was
  /// most of the UI thread's time while 100,000 objects arrived.
  static func identityOrder(_ ids: [ObjectIdentity]) -> [Int] {
    guard ids.count > 1 else { return Array(ids.indices) }
    let keys = ids.map { Array("\($0.kind)\0\($0.group)\0\($0.namespace)\0\($0.name)".utf8) }
    return ids.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
  }

  /// The row of one object, highlighted while it flashes.
  static func row(_ object: JSONValue, _ resource: APIResource, state: ConsoleState, context: RowContext)
    -> TableRow<ObjectIdentity>
  {
    var row = state.columns.row(object, resource: resource, context: context)
    if state.flashing[row.id] != nil { row.role = .flashInfo }
    return row
  }

  /// The clock and metric lookups the rows are filled with; the pod index behind the metric
  /// columns is built only for lists that show them.
  static func rowContext(_ state: ConsoleState) -> RowContext {
    var context = RowContext(now: state.now)
    if case .kind(let resource) = state.listing { context.tableCells = state.store.cells[resource] ?? [:] }
    guard state.columns.showsMetrics, state.metrics.hasData, case .kind(let resource) = state.listing else {
      return context
    }
    let instances = InstanceIndex(state.store, registry: state.registry, listing: resource)
    let board = state.metrics
    context.tokensPerSecond = { instances.tokensPerSecond($0, board) }
    context.gpuPercent = { instances.gpuPercent($0, board) }
    return context
  }

  /// Metric columns change with every scrape: the rows on screen are refreshed (rows off screen
  /// catch up when they change or the list is rebuilt), so a scrape costs the same for 10 or
  /// 10,000 objects.
  static func refreshVisibleMetricRows(_ state: inout ConsoleState) {
    if state.columns.showsMetrics { refreshVisibleRows(&state) }
  }

  /// Marks the rows on screen for a refresh (their ages and metrics move with the clock).
  static func refreshVisibleRows(_ state: inout ConsoleState) {
    guard state.table.count > 0 else { return }
    let viewport = state.viewports.list
    let first = state.table.visibleOffset(viewport: viewport)
    for position in first..<min(state.table.count, first + viewport) {
      state.pendingRows.insert(state.table.row(at: position).id)
    }
  }
}
