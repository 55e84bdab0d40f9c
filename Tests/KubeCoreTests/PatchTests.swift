import KubeCore
import Testing

@Suite("MergePatch")
struct MergePatchTests {
  @Test("merges objects, removes nulls, replaces arrays (RFC 7386)")
  func merges() throws {
    let target = try JSONParser.parse(#"{"a":"b","c":{"d":"e","f":"g"},"list":[1,2]}"#)
    let patch = try JSONParser.parse(#"{"a":"z","c":{"f":null},"list":[3]}"#)
    #expect(MergePatch.apply(patch, to: target) == (try JSONParser.parse(#"{"a":"z","c":{"d":"e"},"list":[3]}"#)))
  }
}

@Suite("StrategicMergePatch")
struct StrategicMergePatchTests {
  @Test("merges named list items by name and drops kubectl's directives")
  func namedLists() throws {
    let target = try JSONParser.parse(#"{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]}}"#)
    let patch = try JSONParser.parse(
      #"{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"spec":{"containers":[{"name":"b","image":"z"}]}}"#)
    let result = StrategicMergePatch.apply(patch, to: target)
    #expect(result[path: ["spec", "containers"]]?.arrayValue?.count == 2)
    #expect(result[path: ["spec", "containers"]]?.arrayValue?[1]["image"] == "z")
    #expect(result["$setElementOrder/containers"] == nil)
  }
}

@Suite("JSONPatch")
struct JSONPatchTests {
  @Test("applies add, replace, remove, move, copy and test in order")
  func operations() throws {
    let target = try JSONParser.parse(#"{"spec":{"replicas":1,"tags":["a"]}}"#)
    let patch = try JSONParser.parse(
      #"[{"op":"replace","path":"/spec/replicas","value":3},{"op":"add","path":"/spec/tags/-","value":"b"},{"op":"copy","from":"/spec/replicas","path":"/spec/copy"},{"op":"move","from":"/spec/copy","path":"/spec/moved"},{"op":"remove","path":"/spec/tags/0"},{"op":"test","path":"/spec/replicas","value":3}]"#
    )
    #expect(
      try JSONPatch.apply(patch, to: target)
        == (try JSONParser.parse(#"{"spec":{"replicas":3,"tags":["b"],"moved":3}}"#)))
  }

  @Test(
    "fails the whole patch and names the operation",
    arguments: [
      #"[{"op":"replace","path":"/spec/missing","value":1}]"#, #"[{"op":"test","path":"/spec/replicas","value":9}]"#,
      #"[{"op":"remove","path":"/spec/tags/5"}]"#, #"[{"op":"frobnicate","path":"/spec"}]"#, #"{"op":"add"}"#,
    ])
  func failures(patchText: String) throws {
    let target = try JSONParser.parse(#"{"spec":{"replicas":1,"tags":["a"]}}"#)
    let patch = try JSONParser.parse(patchText)
    #expect(throws: JSONPatch.Failure.self) { try JSONPatch.apply(patch, to: target) }
  }
}
