import OrderedCollections
import Yams

/// Turns a composed YAML node into a `JSONValue` without expanding aliases. Yams composes an alias
/// as the very node its anchor marks (one `Anchor` object, shared storage), so the decoder decodes
/// each anchored node once and hands every repeat the same value, its storage shared, never copied.
/// What the aliases would cost written out is bounded before Yams composes (`YAMLEventScreen`).
struct YAMLNodeDecoder {
  private var anchored: [ObjectIdentifier: JSONValue] = [:]

  mutating func decode(_ node: Node) throws(YAMLSyntaxError) -> JSONValue {
    if let anchor = node.anchor, let seen = anchored[ObjectIdentifier(anchor)] { return seen }
    let value: JSONValue
    switch node {
    case .scalar(let scalar): value = JSONValue.resolve(scalar)
    case .sequence(let sequence):
      var elements: [JSONValue] = []
      elements.reserveCapacity(sequence.count)
      for element in sequence { elements.append(try decode(element)) }
      value = .array(elements)
    case .mapping(let mapping):
      var members = OrderedDictionary<String, JSONValue>()
      for (key, member) in mapping {
        guard let keyText = key.scalar?.string else {
          throw YAMLSyntaxError(description: "invalid YAML: mapping key at line \(key.mark?.line ?? 0) is not a string")
        }
        members[keyText] = try decode(member)
      }
      value = .object(members)
    case .alias:
      throw YAMLSyntaxError(description: "invalid YAML: aliases are not supported")
    }
    if let anchor = node.anchor { anchored[ObjectIdentifier(anchor)] = value }
    return value
  }
}
