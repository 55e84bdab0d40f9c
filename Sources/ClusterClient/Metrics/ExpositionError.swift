/// Why an exposition could not be read, and where: a 1-based line and byte column.
public struct ExpositionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The 1-based line number.
  public var line: Int
  /// The 1-based byte column in that line where the problem was found.
  public var column: Int
  /// What was wrong, in words.
  public var reason: String

  /// An error at a position.
  public init(line: Int, column: Int, reason: String) {
    self.line = line
    self.column = column
    self.reason = reason
  }

  /// `line 12: … (column 7)`, as an operator would want it in a status bar.
  public var description: String { "line \(line): \(reason) (column \(column))" }
}
