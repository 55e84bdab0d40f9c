/// A one-line input (the `:` command line, the `/` filter) with cursor editing, history and
/// completion from a list of candidates.
public struct PromptState: Sendable {
  /// What the prompt reports after a key.
  public enum Outcome: Hashable, Sendable {
    /// Still editing (the text may have changed).
    case editing
    /// Enter: the text to act on (also added to the history).
    case submitted(String)
    /// Esc: the prompt is closed without acting.
    case cancelled
  }

  /// Shown before the text (`:` or `/`).
  public var prefix: String
  /// Earlier submissions, oldest first.
  public internal(set) var history: [String]
  /// Texts that Tab completes to.
  public var candidates: [String]
  /// Candidates that are other names of another candidate (`inferenceservices` → `infsvc`): when
  /// every candidate a Tab matches names the same thing, Tab completes to that name.
  public var aliases: [String: String]
  var characters: [Character] = []
  /// Cursor position, in characters.
  public internal(set) var cursor = 0
  /// Whether the whole text is selected, as it is when a prompt opens on a current value: typing
  /// or pasting replaces it, backspace clears it, and any other key keeps it and drops the mark.
  public internal(set) var isSelected = false
  /// After a Tab that matched several names: the names it could complete to, shown after the text
  /// until the next key.
  public internal(set) var alternatives: [String] = []
  private var historyIndex: Int?
  private var draft: [Character] = []

  /// An empty prompt.
  public init(
    prefix: String, history: [String] = [], candidates: [String] = [], aliases: [String: String] = [:]
  ) {
    self.prefix = prefix
    self.history = history
    self.candidates = candidates
    self.aliases = aliases
  }

  /// The text typed.
  public var text: String { String(characters) }

  /// The first candidate that extends the text (shown dimmed after it).
  public var suggestion: String? {
    guard !characters.isEmpty, !isSelected, alternatives.isEmpty else { return nil }
    return candidates.first { $0.hasPrefix(text) && $0 != text }
  }

  /// Replaces the text, cursor at the end; `selected` marks it all, so that what is typed next
  /// replaces it (a prompt opened on the current value).
  public mutating func setText(_ text: String, selected: Bool = false) {
    characters = Array(text)
    cursor = characters.count
    isSelected = selected && !text.isEmpty
  }

  /// Handles a key or a paste.
  public mutating func handle(_ event: InputEvent) -> Outcome {
    switch event {
    case .paste(let pasted):
      alternatives = []
      replaceSelection()
      insert(pasted.filter { $0 != "\n" && $0 != "\r" })
      return .editing
    case .key(let key):
      return handle(key)
    default:
      return .editing
    }
  }

  private mutating func handle(_ key: KeyEvent) -> Outcome {
    alternatives = []
    defer { isSelected = false }
    switch (key.key, key.modifiers) {
    case (.enter, _):
      let submitted = text
      if !submitted.isEmpty && history.last != submitted { history.append(submitted) }
      historyIndex = nil
      return .submitted(submitted)
    case (.escape, _), (.char("c"), .ctrl), (.char("g"), .ctrl):
      return .cancelled
    case (.char(let c), []), (.char(let c), .shift):
      replaceSelection()
      insert(String(c))
    case (.tab, _):
      complete()
    case (.backspace, _), (.char("h"), .ctrl), (.delete, _), (.char("d"), .ctrl):
      if isSelected { replaceSelection() } else { edit(key) }
    default:
      edit(key)
    }
    return .editing
  }

  private mutating func edit(_ key: KeyEvent) {
    switch (key.key, key.modifiers) {
    case (.backspace, _), (.char("h"), .ctrl):
      if cursor > 0 {
        characters.remove(at: cursor - 1)
        cursor -= 1
      }
    case (.delete, _), (.char("d"), .ctrl):
      if cursor < characters.count { characters.remove(at: cursor) }
    case (.left, _), (.char("b"), .ctrl): cursor = max(0, cursor - 1)
    case (.right, _), (.char("f"), .ctrl): cursor = min(characters.count, cursor + 1)
    case (.home, _), (.char("a"), .ctrl): cursor = 0
    case (.end, _), (.char("e"), .ctrl): cursor = characters.count
    case (.char("u"), .ctrl):
      characters.removeFirst(cursor)
      cursor = 0
    case (.char("w"), .ctrl): deleteWord()
    case (.up, _): recall(-1)
    case (.down, _): recall(1)
    default: break
    }
  }

  private mutating func insert(_ text: String) {
    characters.insert(contentsOf: Array(text), at: cursor)
    cursor += text.count
  }

  /// Clears the text when it is all selected.
  private mutating func replaceSelection() {
    guard isSelected else { return }
    characters = []
    cursor = 0
    isSelected = false
  }

  private mutating func deleteWord() {
    var start = cursor
    while start > 0 && characters[start - 1] == " " { start -= 1 }
    while start > 0 && characters[start - 1] != " " { start -= 1 }
    characters.removeSubrange(start..<cursor)
    cursor = start
  }

  private mutating func recall(_ step: Int) {
    guard !history.isEmpty else { return }
    if historyIndex == nil {
      guard step < 0 else { return }
      draft = characters
      historyIndex = history.count
    }
    let next = historyIndex! + step
    if next >= history.count {
      historyIndex = nil
      characters = draft
    } else {
      historyIndex = max(0, next)
      characters = Array(history[historyIndex!])
    }
    cursor = characters.count
  }
}
