/// The subset of Kubernetes JSONPath that printer columns use: `.a.b`, `[n]`, `[*]`, and filters
/// `[?(@.type=="Ready")]`, with or without the surrounding `{}`.
public struct JSONPath: Sendable {
  private enum Step: Sendable {
    case field(String)
    case index(Int)
    case all
    case filter(path: [String], value: String)
  }

  private let steps: [Step]

  /// Parses a path; unparseable parts end the path early (the column then shows nothing).
  public init(_ text: String) {
    var body = Substring(text)
    if body.hasPrefix("{"), body.hasSuffix("}") { body = body.dropFirst().dropLast() }
    var steps: [Step] = []
    var index = body.startIndex
    while index < body.endIndex {
      let character = body[index]
      if character == "." {
        index = body.index(after: index)
        let end = body[index...].firstIndex { $0 == "." || $0 == "[" } ?? body.endIndex
        if index < end { steps.append(.field(String(body[index..<end]))) }
        index = end
      } else if character == "[" {
        guard let close = Self.closingBracket(in: body, from: index) else { break }
        steps.append(Self.bracketStep(String(body[body.index(after: index)..<close])))
        index = body.index(after: close)
      } else {
        let end = body[index...].firstIndex { $0 == "." || $0 == "[" } ?? body.endIndex
        steps.append(.field(String(body[index..<end])))
        index = end
      }
    }
    self.steps = steps
  }

  private static func closingBracket(in text: Substring, from start: Substring.Index) -> Substring.Index? {
    var depth = 0
    var index = start
    while index < text.endIndex {
      if text[index] == "[" { depth += 1 }
      if text[index] == "]" {
        depth -= 1
        if depth == 0 { return index }
      }
      index = text.index(after: index)
    }
    return nil
  }

  private static func bracketStep(_ inner: String) -> Step {
    if inner == "*" { return .all }
    if let position = Int(inner) { return .index(position) }
    if inner.hasPrefix("?(@."), inner.hasSuffix(")"), let equals = inner.range(of: "==") {
      let path = inner[inner.index(inner.startIndex, offsetBy: 4)..<equals.lowerBound].split(separator: ".").map(
        String.init)
      var value = String(inner[equals.upperBound..<inner.index(before: inner.endIndex)])
      value = value.trimmingCharacters(in: ["\"", "'", " "])
      return .filter(path: path, value: value)
    }
    return .field(inner.trimmingCharacters(in: ["'", "\""]))
  }

  /// Every value the path selects in `object`.
  public func evaluate(_ object: JSONValue) -> [JSONValue] {
    var current = [object]
    for step in steps {
      current = current.flatMap { value -> [JSONValue] in
        switch step {
        case .field(let name): return value[name].map { [$0] } ?? []
        case .index(let position):
          guard let elements = value.arrayValue else { return [] }
          let resolved = position < 0 ? elements.count + position : position
          return elements.indices.contains(resolved) ? [elements[resolved]] : []
        case .all: return value.arrayValue ?? value.objectValue.map { Array($0.values) } ?? []
        case .filter(let path, let expected):
          return (value.arrayValue ?? []).filter { element in
            guard let found = element[path: path] else { return false }
            return (found.stringValue ?? found.jsonString) == expected
          }
        }
      }
    }
    return current
  }
}

extension String {
  fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
    var text = Substring(self)
    while let first = text.first, set.contains(first) { text.removeFirst() }
    while let last = text.last, set.contains(last) { text.removeLast() }
    return String(text)
  }
}
