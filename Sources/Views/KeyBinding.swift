/// One key binding, as data: the keys, the action, the words shown in the hint bar and the help
/// overlay, and whether it changes something (mutating bindings are dropped in read-only mode).
public struct KeyBinding<Action: Hashable & Sendable>: Sendable {
  /// Keys that trigger it (the first is the one shown in hints).
  public var keys: [KeyEvent]
  /// What it does.
  public var action: Action
  /// A word or two for the hint bar.
  public var label: String
  /// A sentence for the help overlay.
  public var description: String
  /// The help section it belongs to.
  public var group: String
  /// Whether it changes the cluster (a "dangerous" binding).
  public var isMutating: Bool
  /// Whether the hint bar shows it.
  public var showInHints: Bool

  /// Creates a binding.
  public init(
    _ keys: [KeyEvent], _ action: Action, label: String, description: String? = nil, group: String = "General",
    isMutating: Bool = false, showInHints: Bool = true
  ) {
    self.keys = keys
    self.action = action
    self.label = label
    self.description = description ?? label
    self.group = group
    self.isMutating = isMutating
    self.showInHints = showInHints
  }

  /// The keys as shown to the user: `j/↓`.
  public var keyText: String { keys.map(\.description).joined(separator: "/") }
}

/// A table of key bindings; the hint bar and the help overlay are both generated from it.
public struct KeyMap<Action: Hashable & Sendable>: Sendable {
  /// Every binding, in display order.
  public var bindings: [KeyBinding<Action>]
  /// Whether mutating bindings are disabled.
  public var readOnly: Bool

  /// Creates a key map.
  public init(_ bindings: [KeyBinding<Action>], readOnly: Bool = false) {
    self.bindings = bindings
    self.readOnly = readOnly
  }

  /// The bindings usable now (read-only mode drops the mutating ones).
  public var active: [KeyBinding<Action>] {
    bindings.filter { !(readOnly && $0.isMutating) }
  }

  /// The action bound to `key`, if any and allowed.
  public func action(for key: KeyEvent) -> Action? {
    active.first { $0.keys.contains(key) }?.action
  }

  /// The mutating binding `key` would trigger if not in read-only mode (to explain a refusal).
  public func refusedInReadOnly(_ key: KeyEvent) -> KeyBinding<Action>? {
    guard readOnly else { return nil }
    return bindings.first { $0.isMutating && $0.keys.contains(key) }
  }

  /// Section names in first-seen order.
  public var groups: [String] {
    var seen: [String] = []
    for binding in bindings where !seen.contains(binding.group) { seen.append(binding.group) }
    return seen
  }
}
