import KubeCore
import Testing

@Suite("LabelSelector")
struct LabelSelectorTests {
  @Test(
    "matches the set-based and equality forms",
    arguments: [
      ("app=web", true), ("app==web", true), ("app!=web", false), ("tier in (db,web)", true), ("tier notin (db)", true),
      ("app", true), ("!app", false), ("!legacy", true), ("app=web,tier=db", false), ("", true),
    ])
  func matches(selector: String, expected: Bool) throws {
    let labels = ["app": "web", "tier": "web"]
    #expect(try LabelSelector(parsing: selector).matches(labels) == expected)
  }

  @Test(
    "refuses malformed selectors with a BadRequest naming the part",
    arguments: ["app in (a", "a b c", "bad key=x", "x=a b"])
  func refuses(selector: String) {
    #expect(throws: StatusError.self) { try LabelSelector(parsing: selector) }
  }
}

@Suite("FieldSelector")
struct FieldSelectorTests {
  @Test("selects by metadata.name and refuses unsupported fields")
  func fields() throws {
    let selector = try FieldSelector(parsing: "metadata.name=demo", supportedFields: ["metadata.name"])
    #expect(selector.matches(["metadata": ["name": "demo"]]))
    #expect(!selector.matches(["metadata": ["name": "other"]]))
    #expect(throws: StatusError.self) { try FieldSelector(parsing: "spec.x=1", supportedFields: ["metadata.name"]) }
  }
}

@Suite("YAML")
struct YAMLTests {
  @Test("parses YAML into ordered JSON with scalar types, and prints it back")
  func roundTrip() throws {
    let text = "kind: AICluster\nspec:\n  replicas: 3\n  ratio: 0.5\n  name: \"007\"\n  on: true\n  empty: null\n"
    let value = try JSONValue.parseYAML(text)
    #expect(value[path: ["spec", "replicas"]] == .int(3))
    #expect(value[path: ["spec", "name"]] == .string("007"))
    #expect(value[path: ["spec", "on"]] == .bool(true))
    #expect(try JSONValue.parseYAML(value.yamlString()) == value)
  }

  @Test("reports invalid YAML")
  func invalid() {
    #expect(throws: YAMLSyntaxError.self) { try JSONValue.parseYAML("a: [1, 2\nb: }") }
  }
}
