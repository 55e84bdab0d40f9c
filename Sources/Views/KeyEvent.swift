/// A key press: a key and its modifiers.
public struct KeyEvent: Hashable, Sendable, CustomStringConvertible {
  /// The key.
  public var key: Key
  /// Modifiers held.
  public var modifiers: KeyModifiers

  /// Creates a key event.
  public init(_ key: Key, _ modifiers: KeyModifiers = []) {
    self.key = key
    self.modifiers = modifiers
  }

  /// A plain character key.
  public static func char(_ c: Character) -> KeyEvent { KeyEvent(.char(c)) }
  /// Ctrl plus a letter.
  public static func ctrl(_ c: Character) -> KeyEvent { KeyEvent(.char(c), .ctrl) }
  /// Alt plus a character.
  public static func alt(_ c: Character) -> KeyEvent { KeyEvent(.char(c), .alt) }

  /// How the key is named in help and hints: `ctrl-d`, `alt-x`, `enter`, `↑`, `F5`, `j`.
  public var description: String {
    var prefix = ""
    if modifiers.contains(.ctrl) { prefix += "ctrl-" }
    if modifiers.contains(.alt) { prefix += "alt-" }
    if modifiers.contains(.shift) { prefix += "shift-" }
    return prefix + KeyEvent.name(of: key)
  }

  private static func name(of key: Key) -> String {
    switch key {
    case .char(" "): "space"
    case .char(let c): String(c)
    case .enter: "enter"
    case .tab: "tab"
    case .backTab: "shift-tab"
    case .backspace: "backspace"
    case .delete: "delete"
    case .insert: "insert"
    case .escape: "esc"
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .home: "home"
    case .end: "end"
    case .pageUp: "pgup"
    case .pageDown: "pgdn"
    case .function(let n): "F\(n)"
    }
  }
}
