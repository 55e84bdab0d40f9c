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
  private var characters: [Character] = []
  /// Cursor position, in characters.
  public internal(set) var cursor = 0
  private var historyIndex: Int?
  private var draft: [Character] = []

  /// An empty prompt.
  public init(prefix: String, history: [String] = [], candidates: [String] = []) {
    self.prefix = prefix
    self.history = history
    self.candidates = candidates
  }

  /// The text typed.
  public var text: String { String(characters) }

  /// The first candidate that extends the text (shown dimmed after it).
  public var suggestion: String? {
    guard !characters.isEmpty else { return nil }
    return candidates.first { $0.hasPrefix(text) && $0 != text }
  }

  /// Replaces the text, cursor at the end.
  public mutating func setText(_ text: String) {
    characters = Array(text)
    cursor = characters.count
  }

  /// Handles a key or a paste.
  public mutating func handle(_ event: InputEvent) -> Outcome {
    switch event {
    case .paste(let pasted):
      insert(pasted.filter { $0 != "\n" && $0 != "\r" })
      return .editing
    case .key(let key):
      return handle(key)
    default:
      return .editing
    }
  }

  private mutating func handle(_ key: KeyEvent) -> Outcome {
    switch (key.key, key.modifiers) {
    case (.enter, _):
      let submitted = text
      if !submitted.isEmpty && history.last != submitted { history.append(submitted) }
      historyIndex = nil
      return .submitted(submitted)
    case (.escape, _), (.char("c"), .ctrl), (.char("g"), .ctrl):
      return .cancelled
    case (.char(let c), []), (.char(let c), .shift):
      insert(String(c))
    case (.tab, _):
      complete()
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

  private mutating func deleteWord() {
    var start = cursor
    while start > 0 && characters[start - 1] == " " { start -= 1 }
    while start > 0 && characters[start - 1] != " " { start -= 1 }
    characters.removeSubrange(start..<cursor)
    cursor = start
  }

  /// Completes to the longest prefix shared by every matching candidate.
  private mutating func complete() {
    let matching = candidates.filter { $0.hasPrefix(text) }
    guard var common = matching.first.map(Array.init) else { return }
    for candidate in matching.dropFirst() {
      common = Array(zip(common, candidate).prefix { $0 == $1 }.map(\.0))
    }
    if common.count > characters.count {
      characters = common
      cursor = common.count
    }
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
