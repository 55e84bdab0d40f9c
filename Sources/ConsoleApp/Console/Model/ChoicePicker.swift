import Views

/// A short list to pick one entry from, drawn over the screen: the owner tree of the selection
/// (`enter` in the detail) or a pod's containers (`l`). `j`/`k` move, `enter` picks, `esc` closes.
struct ChoicePicker<Value: Sendable & Hashable>: Sendable {
  struct Choice: Sendable {
    /// What the row says (indented for a tree).
    var text: String
    var role: ThemeRole?
    /// What picking the row gives; nil for a row that only tells (`… 3 more`).
    var value: Value?
  }

  var title: String
  /// The keys, on the picker's last line.
  var hint: String
  var choices: [Choice]
  var selected = 0

  init(title: String, hint: String, choices: [Choice], selecting value: Value? = nil) {
    self.title = title
    self.hint = hint
    self.choices = choices
    selected = value.flatMap { wanted in choices.firstIndex { $0.value == wanted } } ?? 0
  }

  /// The value of the selected row.
  var value: Value? { choices.indices.contains(selected) ? choices[selected].value : nil }

  /// Moves the selection by `delta`, staying on the list.
  mutating func move(by delta: Int) {
    guard !choices.isEmpty else { return }
    selected = min(max(0, selected + delta), choices.count - 1)
  }
}
