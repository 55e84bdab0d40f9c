/// What `:ctx` opens: the contexts with the current one marked and preselected; `enter` switches
/// to the selected one. The entries are refreshed when the kubeconfig has been read again.
struct ContextPicker: Equatable, Sendable {
  var contexts: ConsoleContexts
  /// The context the console shows now.
  var current: String
  var selected: Int

  init(contexts: ConsoleContexts, current: String) {
    self.contexts = contexts
    self.current = current
    selected = contexts.entries.firstIndex { $0.name == current } ?? 0
  }

  /// The context under the cursor, if there is any.
  var entry: ConsoleContext? { contexts.entries.indices.contains(selected) ? contexts.entries[selected] : nil }

  mutating func move(by delta: Int) {
    selected = min(max(0, selected + delta), max(0, contexts.entries.count - 1))
  }

  /// The same picker over a fresh reading of the kubeconfig, the cursor kept on the same name.
  mutating func refresh(_ fresh: ConsoleContexts) {
    let name = entry?.name
    contexts = fresh
    selected = fresh.entries.firstIndex { $0.name == name } ?? fresh.entries.firstIndex { $0.name == current } ?? 0
  }
}

extension ConsoleState.Mode {
  /// The context picker open in this mode.
  var contextPicker: ContextPicker? { if case .contexts(let picker) = self { picker } else { nil } }
}
