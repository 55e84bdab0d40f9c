import ClusterClient
import Foundation
import KubeCore

extension ConsoleReducer {
  /// How many kinds beyond the AI kinds stay watched once viewed: the one on screen and the
  /// few before it, so that going back shows rows from cache at once while memory follows the
  /// kinds kept, not every kind ever opened.
  static let warmKinds = 4

  /// The kind a `:` word names: an AI kind first (by plural, singular, short name, kind or
  /// `plural.group`), else any kind discovery found that can be listed and watched.
  static func resolveKind(_ name: String, _ state: ConsoleState) -> APIResource? {
    if let resource = kind(named: name, in: state.store.kinds, preferring: state.registry) { return resource }
    guard let found = state.store.catalog?.resource(named: name), found.verbs.contains("list"),
      found.verbs.contains("watch")
    else { return nil }
    return state.store.served(found) ?? found
  }

  /// Lists `resource`; a kind other than the AI kinds gets a Table informer, kept warm with the
  /// few viewed before it.
  static func view(_ resource: APIResource, _ state: inout ConsoleState) -> [ConsoleEffect] {
    show(.kind(resource), &state)
    return warm(resource, &state)
  }

  /// Puts `resource` first among the viewed kinds; says which informers to run when the set changed.
  static func warm(_ resource: APIResource, _ state: inout ConsoleState) -> [ConsoleEffect] {
    guard !state.store.kinds.contains(resource) else { return [] }
    let before = state.store.viewed
    let kept = Array(([resource] + before.filter { $0 != resource }).prefix(warmKinds))
    state.store.setViewed(kept)
    return Set(kept) == Set(before) ? [] : [.watchKinds(kept)]
  }

  /// One event of a viewed kind's informer.
  static func viewedChanged(_ state: inout ConsoleState, _ resource: APIResource, _ event: TableInformerEvent) {
    let synced = state.store.states[resource] == .synced
    if case .columns = event, state.listing == .kind(resource) { state.listNeedsRebuild = true }
    guard let object = state.store.applyViewed(resource, event) else { return }
    let id = ObjectIdentity(resource, object)
    state.pendingRows.insert(id)
    if synced, state.isListed(resource, object) { state.flashing[id] = state.now + flashDuration }
  }

  /// The `:` words of every kind the server serves that can be watched: short names and plurals.
  static func catalogWords(_ state: ConsoleState) -> [String] {
    guard let catalog = state.store.catalog else { return [] }
    var words: [String] = []
    for resource in catalog.preferred where resource.verbs.contains("watch") {
      words.append(resource.name)
      words += resource.shortNames
    }
    return words
  }
}

extension ConsoleState {
  /// What the console knows of `resource` now: ours, or built on the server's Table columns for a
  /// viewed kind, or on its CRD's printer columns.
  func descriptor(_ resource: APIResource) -> KindDescriptor {
    let table = store.viewed.contains(resource) ? store.tableColumns[resource] ?? [] : nil
    return registry.descriptor(for: resource, definition: store.definition(of: resource), table: table)
  }
}
