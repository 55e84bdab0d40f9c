import OrderedCollections
import Yams

/// A YAML syntax error with the place it was found.
public struct YAMLSyntaxError: Error, Sendable, CustomStringConvertible {
  /// What the YAML parser reported, including line and column.
  public var description: String
}

extension JSONValue {
  /// Parses one YAML document (a superset of JSON) into a `JSONValue`, keeping key order.
  public static func parseYAML(_ text: String) throws(YAMLSyntaxError) -> JSONValue {
    let documents = try parseYAMLDocuments(text)
    return documents.first ?? .null
  }

  /// Parses every document of a multi-document YAML stream (`---` separated); empty documents are skipped.
  public static func parseYAMLDocuments(_ text: String) throws(YAMLSyntaxError) -> [JSONValue] {
    do {
      var result: [JSONValue] = []
      let parser = try Parser(yaml: text)
      while let node = try parser.nextRoot() {
        let value = try JSONValue(yamlNode: node)
        if !value.isNull { result.append(value) }
      }
      return result
    } catch let error as YAMLSyntaxError {
      throw error
    } catch {
      throw YAMLSyntaxError(description: "invalid YAML: \(error)")
    }
  }

  private init(yamlNode node: Node) throws {
    switch node {
    case .scalar(let scalar): self = Self.resolve(scalar)
    case .sequence(let sequence): self = .array(try sequence.map { try JSONValue(yamlNode: $0) })
    case .mapping(let mapping):
      var members = OrderedDictionary<String, JSONValue>()
      for (key, value) in mapping {
        guard let keyText = key.scalar?.string else {
          throw YAMLSyntaxError(description: "invalid YAML: mapping key at line \(key.mark?.line ?? 0) is not a string")
        }
        members[keyText] = try JSONValue(yamlNode: value)
      }
      self = .object(members)
    case .alias:
      throw YAMLSyntaxError(description: "invalid YAML: aliases are not supported")
    }
  }

  private static func resolve(_ scalar: Node.Scalar) -> JSONValue {
    scalar.style == .plain ? resolveImplicit(scalar.string) : .string(scalar.string)
  }

  private static func resolveImplicit(_ text: String) -> JSONValue {
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    default:
      if let number = Int64(text) { return .int(number) }
      if let number = Double(text), text.contains(where: { $0.isNumber }) { return .double(number) }
      return .string(text)
    }
  }

  /// This value as block-style YAML, keys in their order, as `kubectl get -o yaml` prints objects.
  public func yamlString() -> String {
    (try? Yams.serialize(node: yamlNode(), indent: 2, width: -1, allowUnicode: true)) ?? ""
  }

  /// A stream of documents joined with `---`.
  public static func yamlStream(_ documents: [JSONValue]) -> String {
    documents.map { $0.yamlString() }.joined(separator: "---\n")
  }

  private func yamlNode() -> Node {
    switch self {
    case .null: return Node("null", Tag(.null))
    case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
    case .int(let number): return Node(String(number), Tag(.int))
    case .double(let number): return Node(String(number), Tag(.float))
    case .string(let text): return Self.stringNode(text)
    case .array(let elements): return .sequence(.init(elements.map { $0.yamlNode() }))
    case .object(let members):
      return .mapping(.init(members.map { (Self.stringNode($0.key), $0.value.yamlNode()) }))
    }
  }

  private static func stringNode(_ text: String) -> Node {
    let plain = resolveImplicit(text) == .string(text) && !text.isEmpty
    let style: Node.Scalar.Style = text.contains("\n") ? .literal : (plain ? .any : .doubleQuoted)
    return Node(text, Tag(.str), style)
  }
}
