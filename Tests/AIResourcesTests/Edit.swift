import KubeCore
import Testing

/// One change to a sample for a table-driven test: a value set (or removed, when nil) at a dotted
/// object path, and the field the rule under test must then name.
struct Edit: Sendable, CustomTestStringConvertible {
  /// What the case shows.
  var name: String
  /// The sample's kind.
  var kind: String
  /// The edits, as dotted paths of object keys and their new values (nil removes).
  var changes: [(String, JSONValue?)]
  /// The field the error must name.
  var field: String
  /// A part of the message the error must have.
  var message: String = ""

  var testDescription: String { name }

  /// The sample of `kind` with the changes made.
  func applied() throws -> JSONValue {
    var object = try Samples.object(kind: kind)
    for (path, value) in changes {
      object.set(value, at: path.split(separator: ".").map(String.init))
    }
    return object
  }
}
