import ClusterClient
import KubeCore
import Views

extension ConsoleReducer {
  /// One step of the path the operator followed from list to object (`enter` in the owner tree,
  /// `o` to the owner, `n` to a pod's node): what was listed and selected there, so `esc` goes back.
  struct Crumb: Sendable, Equatable {
    var listing: ConsoleState.Listing
    var selection: ObjectIdentity?
    var namespace: String?
    var focus: ConsoleState.Pane
  }

  /// The owner tree of the selection as a picker: `enter` opens the object of a row.
  static func openOwnerTree(_ state: inout ConsoleState) {
    guard let context = detailContext(state) else { return }
    let relations = DetailRelations(related: context.related, registry: context.registry)
    let tree = DetailTree(relations: relations, now: state.now)
    var choices: [ChoicePicker<ObjectIdentity>.Choice] = []
    for root in tree.roots(for: context.object) { flatten(root, depth: 0, objects: context.related, into: &choices) }
    let selected = ObjectIdentity(context.resource, context.object)
    state.mode = .ownerTree(
      ChoicePicker(
        title: "Owner tree of \(selected.description)", hint: "enter open · j/k move · esc close", choices: choices,
        selecting: selected))
  }

  private static func flatten(
    _ node: TreeNode, depth: Int, objects: [String: [JSONValue]],
    into choices: inout [ChoicePicker<ObjectIdentity>.Choice]
  ) {
    let object = objects.values.lazy.flatMap { $0 }.first { DetailRelations.identity(of: $0) == node.id }
    let identity = object.map {
      ObjectIdentity(
        group: DetailFields.group($0), kind: DetailFields.kind($0), namespace: DetailFields.namespace($0),
        name: DetailFields.name($0))
    }
    choices.append(.init(text: String(repeating: "  ", count: depth) + node.label, role: node.role, value: identity))
    for child in node.children { flatten(child, depth: depth + 1, objects: objects, into: &choices) }
  }

  /// Keys of the owner-tree picker.
  static func handleOwnerTree(_ key: KeyEvent, _ picker: ChoicePicker<ObjectIdentity>, _ state: inout ConsoleState)
    -> [ConsoleEffect]
  {
    var picker = picker
    switch picker.handle(key) {
    case .open: state.mode = .ownerTree(picker)
    case .closed: state.mode = .normal
    case .quit: return [.quit(0)]
    case .picked(let target):
      state.mode = .normal
      return open(target, &state)
    }
    return []
  }

  /// Lists the kind of `target` with `target` selected, remembering where the operator was.
  static func open(_ target: ObjectIdentity, _ state: inout ConsoleState) -> [ConsoleEffect] {
    guard let resource = servedResource(of: target, state) else {
      flash(&state, "\(target.kind) is not served by this cluster", .flashError)
      return []
    }
    state.trail.append(
      Crumb(listing: state.listing, selection: state.table.selectedID, namespace: state.namespace, focus: state.focus))
    if let namespace = state.namespace, resource.namespaced, namespace != target.namespace {
      state.namespace = target.namespace
    }
    let effects = view(resource, &state)
    state.pendingSelection = target
    return effects
  }

  /// The resource serving `target`'s kind: an AI kind, a kind viewed lately, or one discovery found.
  static func servedResource(of target: ObjectIdentity, _ state: ConsoleState) -> APIResource? {
    state.store.watched.first(where: target.isServed(by:))
      ?? state.store.catalog?.resource(group: target.group, kind: target.kind)
  }

  /// `o`: the selection's owner (its controller, else its first owner).
  static func openOwner(_ state: inout ConsoleState) -> [ConsoleEffect] {
    guard let (_, object) = state.selection else { return [] }
    let references = object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
    guard let owner = references.first(where: { $0["controller"]?.boolValue == true }) ?? references.first,
      let kind = owner["kind"]?.stringValue, let name = owner["name"]?.stringValue
    else {
      flash(&state, "\(DetailFields.kind(object))/\(DetailFields.name(object)) has no owner", .flashWarn)
      return []
    }
    let group = GroupVersion(apiVersion: owner["apiVersion"]?.stringValue ?? "").group
    return open(
      ObjectIdentity(group: group, kind: kind, namespace: DetailFields.namespace(object), name: name), &state)
  }

  /// `n` on a Pod: the node it runs on.
  static func openNode(_ state: inout ConsoleState) -> [ConsoleEffect] {
    guard let (_, pod) = state.selection else { return [] }
    guard let node = pod[path: ["spec", "nodeName"]]?.stringValue, !node.isEmpty else {
      flash(&state, "pod \(DetailFields.name(pod)) is not scheduled on a node yet", .flashWarn)
      return []
    }
    return open(ObjectIdentity(CoreResources.nodes, namespace: "", name: node), &state)
  }

  /// `esc` in the list after following a path: back to where the last step started.
  static func stepBack(_ state: inout ConsoleState) -> [ConsoleEffect] {
    guard let crumb = state.trail.popLast() else { return [] }
    state.namespace = crumb.namespace
    var effects: [ConsoleEffect] = []
    switch crumb.listing {
    case .allKinds: show(.allKinds, &state)
    case .kind(let resource): effects = view(resource, &state)
    }
    state.pendingSelection = crumb.selection
    state.focus = crumb.focus
    return effects
  }

  /// Selects the object a step opened once its row is listed.
  static func selectPending(_ state: inout ConsoleState) {
    guard let target = state.pendingSelection else { return }
    state.table.select(id: target)
    if state.table.selectedID == target { state.pendingSelection = nil }
  }

  /// Whether the selection is a Pod.
  static func selectionIsPod(_ state: ConsoleState) -> Bool {
    state.selection.map { $0.resource.group.isEmpty && $0.resource.kind == CoreResources.pods.kind } ?? false
  }
}
