import KubeCore

/// The label keys and values of a `labelSelector` query, held to the rules labels themselves
/// follow, as kube-apiserver's selector parser does (`NewRequirement`): a key such as `-a-` is a
/// 400, not a selector that silently matches nothing.
enum SelectorKeyValidation {
  static func check(_ selector: LabelSelector) throws(StatusError) {
    for requirement in selector.requirements {
      let (key, values) = parts(requirement)
      let keyProblems = NameSyntax.qualifiedName(key)
      if !keyProblems.isEmpty {
        throw refusal(field: "key", value: key, keyProblems)
      }
      for (index, value) in values.enumerated() {
        let problems = NameSyntax.labelValue(value)
        if !problems.isEmpty { throw refusal(field: "values[\(index)][\(key)]", value: value, problems) }
      }
    }
  }

  private static func parts(_ requirement: LabelSelector.Requirement) -> (String, [String]) {
    switch requirement {
    case .equals(let key, let value), .notEquals(let key, let value): (key, [value])
    case .isIn(let key, let values), .notIn(let key, let values): (key, values.sorted())
    case .exists(let key), .doesNotExist(let key): (key, [])
    }
  }

  private static func refusal(field: String, value: String, _ problems: [String]) -> StatusError {
    StatusError.badRequest(
      "unable to parse requirement: \(field): Invalid value: \(JSONValue.string(value).jsonString): \(problems.joined(separator: "; "))"
    )
  }
}
