import Testing

@testable import KubeCore

/// YAML aliases decode to the anchored value, shared rather than copied, and a document whose
/// aliases would multiply it is refused before anything expands, where go-yaml refuses it.
@Suite("YAML aliases")
struct YAMLAliasTests {
  @Test("an alias decodes to its anchor's value, mappings and sequences alike")
  func aliasesDecode() throws {
    let value = try JSONValue.parseYAML(
      """
      base: &base {cpu: "1", memory: 1Gi}
      list: &list [a, b]
      first: *base
      second: {limits: *base, names: *list}

      """)
    #expect(value["first"] == ["cpu": "1", "memory": "1Gi"])
    #expect(value[path: ["second", "limits"]] == value["base"])
    #expect(value[path: ["second", "names"]] == ["a", "b"])
  }

  @Test("a redefined anchor name refers to its latest definition")
  func redefinedAnchor() throws {
    let value = try JSONValue.parseYAML("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
    #expect(value == ["a": 1, "b": 1, "c": 2, "d": 2])
  }

  /// `levels` levels of `width` aliases of the level before.
  static func laughs(levels: Int, width: Int) -> String {
    var text = "l0: &l0 [" + Array(repeating: "\"lol\"", count: width).joined(separator: ",") + "]\n"
    for level in 1...levels {
      text +=
        "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: width).joined(separator: ",") + "]\n"
    }
    return text
  }

  @Test("a billion laughs is refused as excessive aliasing, quickly and naming where")
  func billionLaughs() throws {
    let clock = ContinuousClock()
    let start = clock.now
    #expect {
      try JSONValue.parseYAML(Self.laughs(levels: 9, width: 9))
    } throws: { error in
      "\(error)".hasPrefix("yaml: document contains excessive aliasing (at line 4,")
    }
    #expect(clock.now - start < .milliseconds(500))
  }

  @Test("aliases that add less than go-yaml's share are accepted, and the value is whole")
  func modestAliasesAccepted() throws {
    // 1 + 4 levels of 3: about 360 decodes, under go-yaml's floor of 1,000 before any share counts.
    let value = try JSONValue.parseYAML(Self.laughs(levels: 4, width: 3))
    #expect(value["l4"]?.serializedSize() == JSONValue.parseYAMLFlat(levels: 4, width: 3).serializedSize())
  }

  @Test("go-yaml's allowed aliased share: 99% up to 400,000 decodes, 10% from 4,000,000, linear between")
  func allowedRatio() {
    #expect(YAMLAliasBudget.allowedRatio(1_000) == 0.99)
    #expect(YAMLAliasBudget.allowedRatio(400_000) == 0.99)
    #expect(abs(YAMLAliasBudget.allowedRatio(2_200_000) - 0.545) < 1e-9)
    #expect(YAMLAliasBudget.allowedRatio(4_000_000) == 0.10)
    #expect(YAMLAliasBudget.allowedRatio(9_000_000) == 0.10)
  }

  @Test("serializedSize is serialized().count, and stops counting past its limit")
  func serializedSize() throws {
    let value: JSONValue = ["a": [1, 2.5, "x\"y\n\u{1}"], "b": nil, "c": true, "d": ["e": false]]
    #expect(value.serializedSize() == value.serialized().count)
    #expect(value.serializedSize(upTo: 5) <= value.serialized().count)
    #expect(value.serializedSize(upTo: 5) > 5)
  }
}

extension JSONValue {
  /// The expansion of `YAMLAliasTests.laughs`' last level, built directly.
  fileprivate static func parseYAMLFlat(levels: Int, width: Int) -> JSONValue {
    var value = JSONValue.array(Array(repeating: "lol", count: width))
    for _ in 0..<levels { value = .array(Array(repeating: value, count: width)) }
    return value
  }
}

@Suite("YAML alias keys")
struct YAMLAliasKeyTests {
  @Test("an alias of a large node used as a mapping key is refused quickly")
  func aliasKey() throws {
    let clock = ContinuousClock()
    let start = clock.now
    #expect(throws: YAMLSyntaxError.self) {
      try JSONValue.parseYAML(YAMLAliasTests.laughs(levels: 30, width: 2) + "? *l30\n: 1\n? *l29\n: 2\n")
    }
    #expect(clock.now - start < .seconds(1), "took \(clock.now - start)")
  }
}

@Suite("YAML nesting")
struct YAMLNestingTests {
  @Test("nesting past libyaml's 1,000 levels is refused, not recursed into")
  func deepNesting() {
    let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect {
      try JSONValue.parseYAML(text)
    } throws: { error in
      "\(error)".contains("Maximum nesting level reached")
    }
  }

  @Test("a complex key is refused as not a string before it is composed")
  func complexKey() {
    #expect(throws: YAMLSyntaxError.self) { try JSONValue.parseYAML("? [a, b]\n: 1\n") }
  }
}
