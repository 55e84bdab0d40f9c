extension LabelSelector {
  /// The selector a `metav1.LabelSelector` object describes (`matchLabels` and `matchExpressions`
  /// with operators `In`, `NotIn`, `Exists`, `DoesNotExist`), as Deployments and ReplicaSets hold it.
  /// A malformed object throws `StatusError.badRequest` naming the bad part.
  public init(object: JSONValue) throws(StatusError) {
    var requirements: [Requirement] = []
    for (key, value) in object["matchLabels"]?.objectValue ?? [:] {
      guard let text = value.stringValue else {
        throw .badRequest("matchLabels[\(key)]: label values must be strings, found \(value.jsonString)")
      }
      requirements.append(.equals(key, text))
    }
    for (index, expression) in (object["matchExpressions"]?.arrayValue ?? []).enumerated() {
      requirements.append(try Self.requirement(expression, at: index))
    }
    self.init(requirements: requirements.sorted { $0.key < $1.key })
  }

  private static func requirement(_ expression: JSONValue, at index: Int) throws(StatusError) -> Requirement {
    let key = expression["key"]?.stringValue ?? ""
    let values = Set((expression["values"]?.arrayValue ?? []).compactMap(\.stringValue))
    guard !key.isEmpty else { throw .badRequest("matchExpressions[\(index)].key: Required value") }
    switch expression["operator"]?.stringValue {
    case "In" where !values.isEmpty: return .isIn(key, values)
    case "NotIn" where !values.isEmpty: return .notIn(key, values)
    case "Exists" where values.isEmpty: return .exists(key)
    case "DoesNotExist" where values.isEmpty: return .doesNotExist(key)
    case "In", "NotIn":
      throw .badRequest("matchExpressions[\(index)].values: Required value: must be specified for In and NotIn")
    case "Exists", "DoesNotExist":
      throw .badRequest(
        "matchExpressions[\(index)].values: Forbidden: may not be specified for Exists and DoesNotExist")
    case let other:
      throw .badRequest("matchExpressions[\(index)].operator: Unsupported value: \"\(other ?? "")\"")
    }
  }

  /// The string form the API server writes (`app=web,tier in (a,b),!legacy`), with set values
  /// sorted, as `metav1.LabelSelectorAsSelector(...).String()` renders it; `init(object:)` has
  /// already sorted the requirements by key, as that function does.
  public var text: String {
    requirements.map(\.text).joined(separator: ",")
  }
}

extension LabelSelector.Requirement {
  /// The label key the requirement is about.
  public var key: String {
    switch self {
    case .equals(let key, _), .notEquals(let key, _), .isIn(let key, _), .notIn(let key, _), .exists(let key),
      .doesNotExist(let key):
      return key
    }
  }

  /// The requirement in selector syntax.
  public var text: String {
    switch self {
    case .equals(let key, let value): return "\(key)=\(value)"
    case .notEquals(let key, let value): return "\(key)!=\(value)"
    case .isIn(let key, let values): return "\(key) in (\(values.sorted().joined(separator: ",")))"
    case .notIn(let key, let values): return "\(key) notin (\(values.sorted().joined(separator: ",")))"
    case .exists(let key): return key
    case .doesNotExist(let key): return "!\(key)"
    }
  }
}
