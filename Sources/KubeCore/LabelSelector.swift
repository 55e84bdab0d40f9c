/// A label selector in its string form (`app=x,tier!=db,env in (a,b),!legacy`), parsed and matched.
public struct LabelSelector: Sendable, Hashable {
  /// One requirement of a selector.
  public enum Requirement: Sendable, Hashable {
    case equals(String, String)
    case notEquals(String, String)
    case isIn(String, Set<String>)
    case notIn(String, Set<String>)
    case exists(String)
    case doesNotExist(String)
  }

  /// All requirements; an object matches when it meets every one.
  public var requirements: [Requirement]

  /// The selector that matches everything.
  public static let everything = LabelSelector(requirements: [])

  /// A selector with these requirements.
  public init(requirements: [Requirement]) { self.requirements = requirements }

  /// Parses the string form, throwing `StatusError.badRequest` that names the bad part.
  public init(parsing text: String) throws(StatusError) {
    requirements = []
    for clause in try Self.splitClauses(text) {
      requirements.append(try Self.parseClause(clause, in: text))
    }
  }

  /// Whether a label set meets every requirement.
  public func matches(_ labels: [String: String]) -> Bool {
    requirements.allSatisfy { requirement in
      switch requirement {
      case .equals(let key, let value): return labels[key] == value
      case .notEquals(let key, let value): return labels[key] != value
      case .isIn(let key, let values): return labels[key].map(values.contains) ?? false
      case .notIn(let key, let values): return !(labels[key].map(values.contains) ?? false)
      case .exists(let key): return labels[key] != nil
      case .doesNotExist(let key): return labels[key] == nil
      }
    }
  }

  private static func splitClauses(_ text: String) throws(StatusError) -> [String] {
    var clauses: [String] = []
    var current = ""
    var depth = 0
    for character in text {
      switch character {
      case "(": depth += 1
      case ")": depth -= 1
      default: break
      }
      if character == ",", depth == 0 {
        clauses.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    guard depth == 0 else { throw .badRequest("unable to parse requirement: unbalanced parentheses in \"\(text)\"") }
    clauses.append(current)
    return clauses.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
  }

  private static func parseClause(_ clause: String, in text: String) throws(StatusError) -> Requirement {
    if clause.hasPrefix("!") { return .doesNotExist(try validKey(String(clause.dropFirst()).trimmingSpaces, text)) }
    for (op, build) in [("!=", Requirement.notEquals), ("==", Requirement.equals), ("=", Requirement.equals)] {
      if let range = clause.range(of: op) {
        let key = try validKey(String(clause[..<range.lowerBound]).trimmingSpaces, text)
        let value = try validValue(String(clause[range.upperBound...]).trimmingSpaces, text)
        return build(key, value)
      }
    }
    let words = clause.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).map(String.init)
    if words.count == 1 { return .exists(try validKey(words[0], text)) }
    guard words.count == 3, words[2].hasPrefix("("), words[2].hasSuffix(")") else {
      throw .badRequest("unable to parse requirement: found '\(clause)' in label selector \"\(text)\"")
    }
    let key = try validKey(words[0], text)
    var values = Set<String>()
    for value in words[2].dropFirst().dropLast().split(separator: ",") {
      values.insert(try validValue(String(value).trimmingSpaces, text))
    }
    switch words[1] {
    case "in": return .isIn(key, values)
    case "notin": return .notIn(key, values)
    default: throw .badRequest("unable to parse requirement: unknown operator '\(words[1])' in \"\(text)\"")
    }
  }

  private static func validKey(_ key: String, _ text: String) throws(StatusError) -> String {
    let allowed = key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./".contains($0)) }
    guard !key.isEmpty, allowed, key.count <= 317 else {
      throw .badRequest("unable to parse requirement: invalid label key \"\(key)\" in selector \"\(text)\"")
    }
    return key
  }

  private static func validValue(_ value: String, _ text: String) throws(StatusError) -> String {
    let allowed = value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    guard allowed, value.count <= 63 else {
      throw .badRequest("unable to parse requirement: invalid label value \"\(value)\" in selector \"\(text)\"")
    }
    return value
  }
}

extension String {
  /// The string without leading and trailing spaces.
  public var trimmingSpaces: String {
    var text = Substring(self)
    while text.first == " " { text.removeFirst() }
    while text.last == " " { text.removeLast() }
    return String(text)
  }
}
