import ClusterClient
import KubeCore

extension ConsoleReducer {
  /// Runs a `:` command: a kind to list (any the server serves; words after it filter the list),
  /// `ai` for all AI kinds, `ns NAME` to pick a namespace (`ns all` for every one; `ns` alone
  /// lists the Namespaces, as k9s does), `logs ID` for the logs of a correlation ID, `q` to quit.
  /// A command starts a new path: the breadcrumbs of `enter`, `o` and `n` are dropped.
  static func runCommand(_ text: String, _ state: inout ConsoleState) -> [ConsoleEffect] {
    let words = text.split(separator: " ").map(String.init)
    guard let verb = words.first?.lowercased() else { return [] }
    if verb != "ctx" && verb != "context" && verb != "contexts" { state.trail.removeAll() }
    switch verb {
    case "q", "q!", "quit", "exit": return [.quit(0)]
    case "ai", "all":
      show(.allKinds, &state)
    case "ns", "namespace":
      if words.count == 1, state.store.catalog != nil, let namespaces = resolveKind("namespaces", state) {
        return view(namespaces, &state)
      }
      let name = words.count > 1 ? words[1] : "all"
      setNamespace(&state, ["all", "-A", "*"].contains(name) ? nil : name)
    case "ctx", "context", "contexts": return contextCommand(Array(words.dropFirst()), &state)
    case "logs", "log":
      if words.count > 1 { openCorrelation(words[1], &state) } else { openLogPrompt(.correlation, &state) }
    default:
      guard let resource = resolveKind(verb, state) else {
        let known = state.store.kinds.compactMap { $0.shortNames.first ?? $0.name }.joined(separator: " ")
        let served = state.store.catalog == nil ? " (the server's other kinds are not discovered yet)" : ""
        flash(&state, "no kind '\(verb)' is served\(served); try :ai, :pods or one of: \(known)", .flashError)
        return []
      }
      let effects = view(resource, &state)
      // `:events assistant`: the kind, filtered as `/` filters it.
      if words.count > 1 { state.table.setFilter(words.dropFirst().joined(separator: " ")) }
      return effects
    }
    return []
  }

  /// The AI kind called `name` by its plural, singular, short name or kind; a described kind
  /// first when two groups share the name.
  static func kind(named name: String, in kinds: [APIResource], preferring registry: KindRegistry) -> APIResource? {
    let matches = kinds.filter {
      $0.name == name || $0.singularName == name || $0.shortNames.contains(name) || $0.kind.lowercased() == name
        || "\($0.name).\($0.group)" == name
    }
    return matches.first { registry.describes($0) } ?? matches.first
  }

  /// What the `:` prompt completes to.
  static func commandCandidates(_ state: ConsoleState) -> [String] {
    var words = ["ai", "ns", "logs", "quit"]
    for resource in state.store.kinds {
      words.append(resource.shortNames.first ?? resource.name)
      words.append(resource.name)
    }
    words += catalogWords(state).filter { !words.contains($0) }
    let namespaces = Set(
      state.store.kinds.flatMap { state.store.objects(of: $0) }.compactMap {
        $0[path: ["metadata", "namespace"]]?.stringValue
      })
    words += contextCandidates(state)
    return words + namespaces.sorted().map { "ns \($0)" }
  }

  /// The other names of each kind in the `:` prompt's candidates, by the kind's short name, so
  /// that Tab on a prefix of both (`:in`) completes to the short name (`:infsvc`).
  static func commandAliases(_ state: ConsoleState) -> [String: String] {
    var aliases: [String: String] = [:]
    for resource in state.store.kinds {
      let canonical = resource.shortNames.first ?? resource.name
      for alias in [resource.name, resource.singularName] where alias != canonical && !alias.isEmpty {
        aliases[alias] = canonical
      }
    }
    return aliases
  }

  static func show(_ listing: ConsoleState.Listing, _ state: inout ConsoleState) {
    state.listing = listing
    state.listNeedsDefaultSort = true
    state.table.setFilter("")
    state.focus = .list
    state.listNeedsRebuild = true
  }

  static func setNamespace(_ state: inout ConsoleState, _ namespace: String?) {
    state.namespace = namespace
    state.listNeedsRebuild = true
    flash(&state, namespace.map { "namespace \($0)" } ?? "all namespaces")
  }
}
