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

  /// What a key did to the picker.
  enum Outcome: Sendable {
    /// The picker moved (or ignored the key) and stays open.
    case open
    /// `esc` or `q`: the picker closes with nothing picked.
    case closed
    /// `enter` on a row with a value.
    case picked(Value)
    /// `ctrl-c`.
    case quit
  }

  /// The picker's keys, the same in every picker: `j`/`k` and the arrows move, `enter` picks,
  /// `esc` or `q` closes.
  mutating func handle(_ key: KeyEvent) -> Outcome {
    switch key {
    case KeyEvent(.escape), .char("q"): return .closed
    case KeyEvent(.down), .char("j"): move(by: 1)
    case KeyEvent(.up), .char("k"): move(by: -1)
    case KeyEvent(.enter): return value.map(Outcome.picked) ?? .open
    case .ctrl("c"): return .quit
    default: break
    }
    return .open
  }
}
