/// Why the terminal could not be set up or used.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
  /// What went wrong.
  public let message: String

  /// Creates an error.
  public init(_ message: String) {
    self.message = message
  }

  /// The message.
  public var description: String { message }
}
