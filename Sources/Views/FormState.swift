/// One field of a form.
public struct FormField: Sendable {
  /// What kind of value it holds.
  public enum Kind: Sendable {
    /// Free text.
    case text
    /// A number, optionally within a range.
    case number(ClosedRange<Double>?)
    /// A number chosen with left/right in steps.
    case slider(ClosedRange<Double>, step: Double)
    /// One of fixed options, cycled with left/right.
    case choice([String])
  }

  /// The label.
  public var label: String
  /// The kind.
  public var kind: Kind
  /// The value, as text.
  public var value: String
  /// Extra validation: returns a message when the value is bad.
  public var validate: @Sendable (String) -> String?
  /// Why the server refused this value, shown until the field is edited.
  public var serverError: String?

  /// Creates a field.
  public init(
    _ label: String, kind: Kind = .text, value: String = "",
    validate: @escaping @Sendable (String) -> String? = { _ in nil }
  ) {
    self.label = label
    self.kind = kind
    self.value = value
    self.validate = validate
  }

  /// The problem with the current value, if any (kind rules first, then `validate`).
  public var error: String? {
    switch kind {
    case .number(let range):
      guard let number = Double(value) else { return "must be a number" }
      if let range, !range.contains(number) {
        return "must be between \(NumberFormat.compact(range.lowerBound)) and \(NumberFormat.compact(range.upperBound))"
      }
    case .choice(let options):
      if !options.contains(value) { return "must be one of \(options.joined(separator: ", "))" }
    case .text, .slider: break
    }
    return validate(value)
  }
}

/// A form being edited: fields, the focused one, and whether errors are shown.
public struct FormState: Sendable {
  /// What the form reports after a key.
  public enum Outcome: Hashable, Sendable {
    /// Still editing.
    case editing
    /// Enter with every field valid: the values by label.
    case submitted([String: String])
    /// Esc.
    case cancelled
  }

  /// The fields.
  public internal(set) var fields: [FormField]
  /// Index of the focused field.
  public internal(set) var focus = 0
  /// Fields the user has touched (their errors are shown), or every field after a failed submit.
  public internal(set) var touched: Set<Int> = []
  /// Whether the focused field's value is all selected, as it is when the focus arrives on it:
  /// typing or pasting replaces it, backspace clears it, any other key drops the mark.
  public internal(set) var isSelected = false

  /// Creates a form, its first field's value selected.
  public init(fields: [FormField]) {
    self.fields = fields
    selectFocused()
  }

  /// The message shown under field `index`, if any.
  public func shownError(_ index: Int) -> String? {
    (touched.contains(index) ? fields[index].error : nil) ?? fields[index].serverError
  }

  /// The values by label.
  public var values: [String: String] {
    Dictionary(fields.map { ($0.label, $0.value) }, uniquingKeysWith: { $1 })
  }

  /// Sets the value of the field labelled `label`, as if typed.
  public mutating func setValue(_ value: String, of label: String) {
    guard let index = fields.firstIndex(where: { $0.label == label }) else { return }
    fields[index].value = value
    touched.insert(index)
  }

  /// Shows the server's reasons beside the fields it refused (by index), keeping every value,
  /// and moves the focus to the first of them.
  public mutating func setServerErrors(_ errors: [Int: String]) {
    for index in fields.indices { fields[index].serverError = errors[index] }
    if let first = errors.keys.filter(fields.indices.contains).min() { move(to: first) }
  }

  /// Handles a key or paste.
  public mutating func handle(_ event: InputEvent) -> Outcome {
    switch event {
    case .paste(let text):
      let replacing = isSelected
      isSelected = false
      edit { $0 = (replacing ? "" : $0) + text }
    case .key(let key):
      return handle(key)
    default: break
    }
    return .editing
  }

  private mutating func handle(_ key: KeyEvent) -> Outcome {
    let replacing = isSelected
    isSelected = false
    switch key.key {
    case .escape: return .cancelled
    case .enter: return submit()
    case .tab, .down: move(to: (focus + 1) % fields.count)
    case .backTab, .up: move(to: (focus + fields.count - 1) % fields.count)
    case .left: adjust(-1)
    case .right: adjust(1)
    case .backspace: edit { if replacing { $0 = "" } else if !$0.isEmpty { $0.removeLast() } }
    case .char("u") where key.modifiers == .ctrl: edit { $0 = "" }
    case .char(let c) where key.modifiers.isDisjoint(with: [.ctrl, .alt]):
      edit { $0 = (replacing ? "" : $0) + String(c) }
    default: break
    }
    return .editing
  }

  /// Focuses field `index` and selects its value.
  private mutating func move(to index: Int) {
    focus = index
    selectFocused()
  }

  private mutating func selectFocused() {
    guard fields.indices.contains(focus) else { return }
    switch fields[focus].kind {
    case .text, .number: isSelected = !fields[focus].value.isEmpty
    case .slider, .choice: isSelected = false
    }
  }

  private mutating func submit() -> Outcome {
    touched = Set(fields.indices)
    if let bad = fields.indices.first(where: { fields[$0].error != nil }) {
      move(to: bad)
      return .editing
    }
    return .submitted(values)
  }

  private mutating func edit(_ change: (inout String) -> Void) {
    switch fields[focus].kind {
    case .text, .number: change(&fields[focus].value)
    default: return
    }
    fields[focus].serverError = nil
    touched.insert(focus)
  }

  private mutating func adjust(_ direction: Int) {
    var field = fields[focus]
    switch field.kind {
    case .slider(let range, let step):
      let current = Double(field.value) ?? range.lowerBound
      let next = min(range.upperBound, max(range.lowerBound, current + Double(direction) * step))
      field.value = NumberFormat.compact(next)
    case .choice(let options) where !options.isEmpty:
      let index = options.firstIndex(of: field.value) ?? 0
      field.value = options[(index + direction + options.count) % options.count]
    default: return
    }
    field.serverError = nil
    fields[focus] = field
    touched.insert(focus)
  }
}
