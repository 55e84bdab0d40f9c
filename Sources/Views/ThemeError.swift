/// A problem in a theme file, naming the file, the line and the key.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file (or built-in theme name).
  public var file: String
  /// 1-based line, 0 when unknown.
  public var line: Int
  /// The key at fault (dotted path), empty when the file as a whole is bad.
  public var key: String
  /// What is wrong.
  public var message: String

  /// Creates an error.
  public init(file: String, line: Int, key: String, message: String) {
    self.file = file
    self.line = line
    self.key = key
    self.message = message
  }

  /// `file:line: key 'k': message`.
  public var description: String {
    let keyPart = key.isEmpty ? "" : "key '\(key)': "
    return "\(file):\(line): \(keyPart)\(message)"
  }
}
