import OrderedCollections

/// A JSON document as Kubernetes objects travel: object keys keep their order so that what the
/// server writes reads like what a real API server writes (apiVersion, kind, metadata, spec, status).
public enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object(OrderedDictionary<String, JSONValue>)

  /// An empty JSON object.
  public static var emptyObject: JSONValue { .object([:]) }

  /// The members of an object, or nil for any other value.
  public var objectValue: OrderedDictionary<String, JSONValue>? {
    if case .object(let members) = self { return members }
    return nil
  }

  /// The elements of an array, or nil for any other value.
  public var arrayValue: [JSONValue]? {
    if case .array(let elements) = self { return elements }
    return nil
  }

  /// The string, or nil for any other value.
  public var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The number as an integer when it is integral, or nil.
  public var intValue: Int64? {
    switch self {
    case .int(let number): return number
    case .double(let number) where number.rounded() == number && abs(number) < 9.2e18: return Int64(number)
    default: return nil
    }
  }

  /// The number as a double, or nil for any other value.
  public var doubleValue: Double? {
    switch self {
    case .int(let number): return Double(number)
    case .double(let number): return number
    default: return nil
    }
  }

  /// The boolean, or nil for any other value.
  public var boolValue: Bool? {
    if case .bool(let flag) = self { return flag }
    return nil
  }

  /// Whether this is JSON null.
  public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// The member named `key` of an object; nil when absent or not an object.
  public subscript(key: String) -> JSONValue? {
    get { objectValue?[key] }
    set {
      guard case .object(var members) = self else { return }
      members[key] = newValue
      self = .object(members)
    }
  }

  /// The value at a path of object keys, or nil where any step is missing.
  public subscript(path path: [String]) -> JSONValue? {
    var current: JSONValue? = self
    for key in path { current = current?[key] }
    return current
  }

  /// Sets the value at a path of object keys, creating intermediate objects as needed.
  public mutating func set(_ value: JSONValue?, at path: [String]) {
    guard let first = path.first else {
      if let value { self = value }
      return
    }
    guard case .object(var members) = self else { return }
    if path.count == 1 {
      members[first] = value
    } else {
      var child = members[first] ?? .emptyObject
      if child.objectValue == nil { child = .emptyObject }
      child.set(value, at: Array(path.dropFirst()))
      members[first] = child
    }
    self = .object(members)
  }

  /// The JSON type name used in schema errors ("string", "integer", "object", ...).
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .int: return "integer"
    case .double: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int64) { self = .int(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(floatLiteral value: Double) { self = .double(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(nilLiteral: ()) { self = .null }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(OrderedDictionary(elements, uniquingKeysWith: { _, last in last }))
  }
}

extension JSONValue: Hashable {
  /// Objects compare by their members regardless of order, as JSON defines them.
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let left), .bool(let right)): return left == right
    case (.int(let left), .int(let right)): return left == right
    case (.double(let left), .double(let right)): return left == right
    case (.int(let left), .double(let right)), (.double(let right), .int(let left)): return Double(left) == right
    case (.string(let left), .string(let right)): return left == right
    case (.array(let left), .array(let right)): return left == right
    case (.object(let left), .object(let right)):
      guard left.count == right.count else { return false }
      return left.allSatisfy { key, value in right[key] == value }
    default: return false
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let flag): hasher.combine(flag)
    case .int(let number): hasher.combine(Double(number))
    case .double(let number): hasher.combine(number)
    case .string(let text): hasher.combine(text)
    case .array(let elements): hasher.combine(elements)
    case .object(let members):
      var combined = 0
      for (key, value) in members {
        var member = Hasher()
        member.combine(key)
        member.combine(value)
        combined ^= member.finalize()
      }
      hasher.combine(members.count)
      hasher.combine(combined)
    }
  }
}
