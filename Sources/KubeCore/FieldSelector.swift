/// A field selector (`metadata.name=x,metadata.namespace!=y`) over the fields the API server indexes.
public struct FieldSelector: Sendable, Hashable {
  /// One `field=value` or `field!=value` requirement.
  public struct Requirement: Sendable, Hashable {
    public var field: String
    public var value: String
    public var negated: Bool

    /// A requirement that `field` equals (or, negated, differs from) `value`.
    public init(field: String, value: String, negated: Bool) {
      self.field = field
      self.value = value
      self.negated = negated
    }
  }

  /// All requirements; an object matches when it meets every one.
  public var requirements: [Requirement]

  /// Parses the string form; `supportedFields` are the only field paths accepted.
  public init(parsing text: String, supportedFields: Set<String>) throws(StatusError) {
    requirements = []
    for clause in text.split(separator: ",").map({ String($0).trimmingSpaces }) where !clause.isEmpty {
      let negated = clause.contains("!=")
      let separator = negated ? "!=" : (clause.contains("==") ? "==" : "=")
      guard let range = clause.range(of: separator) else {
        throw .badRequest("invalid selector: '\(text)'; can't understand '\(clause)'")
      }
      let field = String(clause[..<range.lowerBound]).trimmingSpaces
      guard supportedFields.contains(field) else {
        throw .badRequest("field label not supported: \(field)")
      }
      requirements.append(Requirement(field: field, value: String(clause[range.upperBound...]), negated: negated))
    }
  }

  /// Whether an object meets every requirement, reading each field by its dotted path.
  public func matches(_ object: JSONValue) -> Bool {
    requirements.allSatisfy { requirement in
      let path = requirement.field.split(separator: ".").map(String.init)
      let actual = object[path: path]?.stringValue ?? ""
      return (actual == requirement.value) != requirement.negated
    }
  }
}
