import Foundation

/// A regular expression of a log filter (`/timeout|refused/`), compiled once; two patterns are
/// equal when their sources are.
public struct LogPattern: Sendable, Equatable, CustomStringConvertible {
  /// The expression as the user wrote it, without slashes.
  public let source: String
  private let compiled: Compiled

  /// Compiles `source` (ICU syntax, as `NSRegularExpression` reads it); a bad pattern is an error
  /// naming it and what is wrong.
  public init(_ source: String) throws(LogFilterError) {
    self.source = source
    do {
      compiled = Compiled(try NSRegularExpression(pattern: source))
    } catch {
      throw LogFilterError("invalid regular expression /\(source)/: \(Self.reason(error))")
    }
  }

  /// Whether the expression matches somewhere in `text`.
  public func matches(_ text: String) -> Bool {
    compiled.expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }

  /// `/source/`.
  public var description: String { "/\(source)/" }

  public static func == (lhs: LogPattern, rhs: LogPattern) -> Bool { lhs.source == rhs.source }

  private static func reason(_ error: any Error) -> String {
    let text = (error as NSError).userInfo["NSInvalidValue"].map { "\($0)" }
    return text.map { "not a valid pattern (\($0))" } ?? "not a valid pattern"
  }

  /// `NSRegularExpression` is immutable once built and documented as safe to use from several
  /// threads at once; this box only lets the value type say so.
  private final class Compiled: @unchecked Sendable {
    let expression: NSRegularExpression
    init(_ expression: NSRegularExpression) { self.expression = expression }
  }
}

/// A log filter that cannot be built: a bad regular expression, an unknown level, a malformed term.
public struct LogFilterError: Error, Equatable, CustomStringConvertible {
  /// What is wrong, naming the offending term.
  public let message: String

  /// An error saying `message`.
  public init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}
