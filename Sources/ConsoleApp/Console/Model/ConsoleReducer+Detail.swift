import ClusterClient
import Foundation
import KubeCore

extension ConsoleReducer {
  /// Rebuilds the detail at once when the selection changed, else marks it stale when `changed`
  /// (it is then rebuilt at the next tick, so a stream of changes costs one rebuild per tick).
  static func refreshDetail(_ state: inout ConsoleState, selectionChanged: Bool) {
    if selectionChanged || (state.detail == nil) != (state.selection == nil) {
      state.detail = detailContext(state).map(DetailModel.init)
      state.detailBuiltAt = state.now
      state.detailScroll = DetailScroll()
      state.detailStale = false
    }
  }

  /// How long a detail lives without a change around it: its ages and "since" times move on.
  static let detailLifetime: TimeInterval = 2

  /// On a tick: the stale detail (and open text view) again, and any detail older than its
  /// lifetime, so that a quiet selection's ages and reconcile times do not stand still.
  static func refreshStaleDetail(_ state: inout ConsoleState) {
    let old = state.detailBuiltAt.map { state.now.timeIntervalSince($0) >= detailLifetime } ?? false
    guard state.detailStale || (old && state.detail != nil) else { return }
    let stale = state.detailStale
    state.detailStale = false
    let context = detailContext(state)
    state.detail = context.map(DetailModel.init)
    state.detailBuiltAt = state.now
    guard stale, let context else { return }
    switch state.mode {
    case .text(.yaml(let old), let scroll):
      state.mode = .text(.yaml(YAMLView(object: context.object, revealSecrets: old.revealsSecrets)), scroll)
    case .text(.describe, let scroll): state.mode = .text(.describe(DescribeView(context: context)), scroll)
    default: break
    }
  }

  /// Whether an event may change what the detail of the selection shows.
  /// `selection` is `state.selection`, looked up by the caller.
  static func touchesDetail(
    _ event: ConsoleEvent, _ state: ConsoleState,
    selection: (resource: APIResource, object: JSONValue)?
  ) -> Bool {
    switch event {
    case .object(let resource, let change), .viewed(let resource, .change(let change, _)):
      return touchesSelection(resource, change, state, selection: selection)
    case .viewed: return selection != nil
    case .related(let feed, _): return feed.touchesDetail && selection != nil
    default: return false
    }
  }

  /// The selection and the whole cache around it, for the detail, YAML and describe views.
  /// Whether a change of an object of `resource` may change what the selection's detail shows:
  /// the selected object itself, or any object of another kind (the detail's links run between
  /// kinds). An object of the selection's own kind is related only as its owner or owned, or
  /// where the kind's descriptor links it to itself: at 100,000 AIClusters and a thousand
  /// changes a second, each of the others' changes rebuilt the detail, which gathers every cached
  /// object, at every frame.
  static func touchesSelection(
    _ resource: APIResource, _ change: InformerEvent, _ state: ConsoleState,
    selection: (resource: APIResource, object: JSONValue)?
  ) -> Bool {
    guard let (selectedResource, selected) = selection else { return false }
    guard let object = change.object, resource == selectedResource else { return true }
    if ResourceStore.key(object) == ResourceStore.key(selected) { return true }
    let descriptor = state.registry.descriptor(for: resource)
    if (descriptor.children + descriptor.instances).contains(where: { $0.target == resource }) { return true }
    // A modification that dropped an owner reference changes the tree as much as one that adds it.
    var versions = [object]
    if case .modified(let old, _) = change { versions.append(old) }
    return versions.contains { DetailFields.isOwned($0, by: selected) || DetailFields.isOwned(selected, by: $0) }
  }

  static func detailContext(_ state: ConsoleState) -> DetailContext? {
    guard let (resource, object) = state.selection else { return nil }
    return DetailContext(
      object: object, resource: resource, store: state.store, registry: state.registry, now: state.now,
      metrics: state.metrics)
  }
}
