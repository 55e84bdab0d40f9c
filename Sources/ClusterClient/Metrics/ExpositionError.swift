/// Exposition text that does not follow the format, with the line at fault.
public struct ExpositionError: Error, Sendable, Hashable, CustomStringConvertible {
  /// 1-based line number.
  public var line: Int
  public var reason: String

  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }

  public var description: String { "line \(line): \(reason)" }
}
