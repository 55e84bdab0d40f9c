import KubeCore
import Testing

@Suite("LabelSelector from a metav1.LabelSelector object")
struct LabelSelectorObjectTests {
  @Test("renders as the API server does: sorted by key, set values sorted, and parses back the same")
  func text() throws {
    let object: JSONValue = [
      "matchLabels": ["tier": "api", "app": "web"],
      "matchExpressions": [
        ["key": "zone", "operator": "NotIn", "values": ["b", "a"]], ["key": "legacy", "operator": "DoesNotExist"],
        ["key": "gpu", "operator": "Exists"], ["key": "env", "operator": "In", "values": ["prod", "dev"]],
      ],
    ]
    let selector = try LabelSelector(object: object)
    #expect(selector.text == "app=web,env in (dev,prod),gpu,!legacy,tier=api,zone notin (a,b)")
    #expect(try LabelSelector(parsing: selector.text) == selector)
    #expect(selector.matches(["app": "web", "tier": "api", "env": "dev", "gpu": "a100", "zone": "c"]))
    #expect(!selector.matches(["app": "web", "tier": "api", "env": "dev", "gpu": "a100", "zone": "a"]))
  }

  @Test("an empty object selects everything")
  func empty() throws {
    #expect(try LabelSelector(object: .emptyObject).requirements.isEmpty)
  }

  @Test(
    "a malformed object is refused, naming the bad part",
    arguments: [
      (["matchLabels": ["app": 1]], "matchLabels[app]"),
      (["matchExpressions": [["key": "a", "operator": "In"]]], "matchExpressions[0].values"),
      (["matchExpressions": [["key": "a", "operator": "Exists", "values": ["x"]]]], "matchExpressions[0].values"),
      (["matchExpressions": [["key": "a", "operator": "Near"]]], "matchExpressions[0].operator"),
      (["matchExpressions": [["operator": "Exists"]]], "matchExpressions[0].key"),
    ] as [(JSONValue, String)])
  func malformed(object: JSONValue, part: String) {
    #expect {
      try LabelSelector(object: object)
    } throws: { error in
      (error as? StatusError)?.code == 400 && (error as? StatusError)?.message.hasPrefix(part) == true
    }
  }
}
