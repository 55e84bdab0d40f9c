import ClusterClient
import Foundation
import KubeCore
import Views

/// The one place the console's state changes: `(inout ConsoleState, events) -> [ConsoleEffect]`.
/// Pure — no clocks (time arrives as `.tick`), no I/O — so every behaviour is tested by feeding
/// events and reading the state or the rendered screen.
enum ConsoleReducer {
  /// How long a changed row stays highlighted.
  static let flashDuration: TimeInterval = 1.5
  /// Above this many changed rows in one batch, more than the list holds, the list is rebuilt
  /// rather than patched.
  static let rebuildThreshold = 1_000

  /// Applies a batch of events (what arrived since the last frame), then brings the list and the
  /// followed log sources up to date once.
  static func reduce(_ state: inout ConsoleState, _ events: [ConsoleEvent]) -> [ConsoleEffect] {
    var effects: [ConsoleEffect] = []
    let selected = state.table.selectedID
    var podsChanged = false
    // The selection, looked up again only when a key, tick or other event than an object's change
    // may have moved it: looking it up per event (a hash of its identity in the store) cost as
    // much as the check itself while 100,000 objects arrived.
    var selectionID = selected
    var selection = state.selection
    for event in events {
      effects += apply(&state, event)
      if effects.contains(where: { if case .quit = $0 { true } else { false } }) { return effects }
      if case .related(let feed, _) = event, feed.carriesPods { podsChanged = true }
      // Once stale, the detail is rebuilt at the next tick whatever else changes.
      guard !state.detailStale else { continue }
      if !event.isObjectChange || state.table.selectedID != selectionID {
        selectionID = state.table.selectedID
        selection = state.selection
      }
      if touchesDetail(event, state, selection: selection) { state.detailStale = true }
    }
    settleList(&state)
    selectPending(&state)
    refreshDetail(&state, selectionChanged: state.table.selectedID != selected)
    // Which pods to follow depends only on the selection and the pods; most batches touch neither.
    if podsChanged || state.table.selectedID != selected || state.logSourcesStale,
      let follow = followEffect(&state)
    {
      effects.append(follow)
    }
    state.logSourcesStale = false
    return effects
  }

  /// One event.
  static func reduce(_ state: inout ConsoleState, _ event: ConsoleEvent) -> [ConsoleEffect] {
    reduce(&state, [event])
  }

  private static func apply(_ state: inout ConsoleState, _ event: ConsoleEvent) -> [ConsoleEffect] {
    switch event {
    case .key(let key): return handle(key: key, &state)
    case .paste(let text):
      switch state.mode {
      case .command, .filter, .logPrompt: state.mode = state.mode.editingPrompt { _ = $0.handle(.paste(text)) }
      case .routeForm(var form):
        _ = form.form.handle(.paste(text))
        state.mode = .routeForm(form)
      default: break
      }
    case .resize(let size): state.size = size
    case .tick(let now): tick(&state, now)
    case .kinds(let kinds): setKinds(&state, kinds)
    case .object(let resource, let change): objectChanged(&state, resource, change)
    case .catalog(let catalog): state.store.catalog = catalog
    case .viewed(let resource, let change): viewedChanged(&state, resource, change)
    case .related(let feed, let change):
      state.store.applyRelated(feed, change)
      if feed == .definitions, change.object != nil, case .kind = state.listing {
        state.listNeedsRebuild = true
      }
    case .log(let record):
      // A line still in flight from a source no longer followed belongs to another selection.
      if state.followedSources.contains(record.source) { state.logs.append(record) }
    case .metrics(let update):
      state.metrics.ingest(update)
      refreshVisibleMetricRows(&state)
    case .world(let world): state.world = world
    case .failed(let message): state.failure = message
    case .operationFinished(let id, let changeID, let failure):
      operationFinished(&state, id: id, changeID: changeID, failure: failure)
    case .editorClosed(let request, let result): return editorClosed(request, result, &state)
    case .contexts(let contexts): contextsRead(contexts, &state)
    case .contextSwitched(let world): contextSwitched(to: world, &state)
    case .contextRefused(let name, let reason): contextRefused(name, reason, &state)
    }
    return []
  }

  private static func tick(_ state: inout ConsoleState, _ now: Date) {
    state.now = now
    state.metrics.advance(toMilliseconds: Int64((now.timeIntervalSince1970 * 1000).rounded()))
    refreshStaleDetail(&state)
    refreshVisibleRows(&state)
    if let flash = state.flash, flash.until <= now { state.flash = nil }
    let expired = state.flashing.filter { $0.value <= now }.map(\.key)
    for id in expired {
      state.flashing[id] = nil
      state.pendingRows.insert(id)
    }
  }

  private static func setKinds(_ state: inout ConsoleState, _ kinds: [APIResource]) {
    let gone = state.store.setKinds(kinds)
    if case .kind(let shown) = state.listing, gone.contains(shown) {
      state.listing = .allKinds
      flash(&state, "\(shown.kind) is no longer served (its CRD was deleted); showing all AI kinds", .flashWarn)
    }
    state.listNeedsRebuild = true
  }

  private static func objectChanged(_ state: inout ConsoleState, _ resource: APIResource, _ change: InformerEvent) {
    let synced = state.store.states[resource] == .synced
    guard let object = state.store.apply(resource, change) else { return }
    if !state.activity.isEmpty { matchReconcile(object, &state) }
    let id = ObjectIdentity(resource, object)
    state.pendingRows.insert(id)
    // Rows flash for live changes, not for the initial list or a relist's replay.
    if synced, state.isListed(resource, object) { state.flashing[id] = state.now + flashDuration }
  }

  /// Shows a message in the status bar for a few seconds.
  static func flash(_ state: inout ConsoleState, _ text: String, _ role: ThemeRole = .flashInfo) {
    state.flash = (text, role, state.now + 4)
  }
}

extension ConsoleEvent {
  /// A change an informer told: it may change the selected object, never which row is selected.
  fileprivate var isObjectChange: Bool {
    switch self {
    case .object, .related, .viewed(_, .change): true
    default: false
    }
  }
}
