import OrderedCollections
import Testing

@testable import KubeCore

/// The parser shares long keys across documents and long values within one, and builds each
/// object from its complete members: what it returns must be the same values as before, in the
/// same order, written back byte for byte.
@Suite("JSONParserSharing")
struct JSONParserSharingTests {
  static let document =
    #"{"apiVersion":"ai.aiconsole.dev/v1","kind":"AICluster","metadata":{"name":"a","namespace":"bench-scale-1","#
    + #""uid":"291fe25b-365c-4c70-8e15-7cfb841fd37b","creationTimestamp":"2026-12-06T15:05:24Z","generation":1,"#
    + #""annotations":{},"labels":{"app.kubernetes.io/name":"llama","app.kubernetes.io/part-of":"llama"}},"#
    + #""spec":{"image":"vllm/vllm-openai:v0.6.0","replicas":2,"paused":false,"ratio":0.5,"tags":["x",null,[]]},"#
    + #""status":{"conditions":[{"lastTransitionTime":"2026-12-06T15:05:24Z","type":"Ready"}]}}"#

  /// Where a string's UTF-8 lives; the same address for two strings is one shared storage.
  static func storage(_ text: String) -> UnsafeRawPointer? {
    var text = text
    return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
  }

  @Test("a parsed document writes back byte for byte, keys in the order given")
  func roundTrip() throws {
    let value = try JSONParser.parse(Self.document)
    #expect(String(decoding: value.serialized(), as: UTF8.self) == Self.document)
    #expect(value.objectValue.map { Array($0.keys) } == ["apiVersion", "kind", "metadata", "spec", "status"])
    #expect(
      value["metadata"]?.objectValue.map { Array($0.keys) }
        == ["name", "namespace", "uid", "creationTimestamp", "generation", "annotations", "labels"])
  }

  @Test("the parsed value equals the one built by hand")
  func equality() throws {
    let value = try JSONParser.parse(#"{"b":[1,"two",{"c":null}],"a":{"d":true,"e":1.5},"f":{}}"#)
    let built: JSONValue = ["b": [1, "two", ["c": nil]], "a": ["d": true, "e": 1.5], "f": [:]]
    #expect(value == built)
    #expect(value.hashValue == built.hashValue)
  }

  @Test("a key given twice keeps its first place and its last value", arguments: [3, 12])
  func duplicateKeys(members: Int) throws {
    let others = (0..<members).map { #""k\#($0)":\#($0)"# }.joined(separator: ",")
    let value = try JSONParser.parse(#"{"dup":1,\#(others),"dup":2}"#)
    let keys = value.objectValue.map { Array($0.keys) } ?? []
    #expect(keys == ["dup"] + (0..<members).map { "k\($0)" })
    #expect(value["dup"] == 2)
  }

  @Test("a long key is one storage across documents; a long value is one storage within a document")
  func sharing() throws {
    let first = try JSONParser.parse(Self.document)
    let second = try JSONParser.parse(Self.document)
    let key = { (value: JSONValue) in value["metadata"]?.objectValue?.keys.first { $0 == "creationTimestamp" } }
    let firstKey = try #require(key(first))
    #expect(Self.storage(firstKey) != nil)
    #expect(Self.storage(firstKey) == Self.storage(try #require(key(second))))
    let created = try #require(first[path: ["metadata", "creationTimestamp"]]?.stringValue)
    let transition = try #require(
      first[path: ["status", "conditions"]]?.arrayValue?.first?["lastTransitionTime"]?.stringValue)
    #expect(Self.storage(created) == Self.storage(transition))
  }

  @Test("objects of one shape share the storage of their keys, across documents, until one changes")
  func shapes() throws {
    var first = try JSONParser.parse(Self.document)
    let second = try JSONParser.parse(Self.document)
    let keys = { (value: JSONValue) in
      value["metadata"]?.objectValue?.keys.elements.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }
    #expect(keys(first) != nil)
    #expect(keys(first) == keys(second))
    first["metadata"]?["extra"] = "x"
    #expect(keys(first) != keys(second))
    #expect(second["metadata"]?.objectValue.map { Array($0.keys) }?.last == "labels")
    #expect(first["metadata"]?.objectValue.map { Array($0.keys) }?.last == "extra")
    #expect(first[path: ["metadata", "name"]] == "a")
  }

  @Test("changing a parsed object leaves the others that share its strings as they were")
  func mutation() throws {
    var first = try JSONParser.parse(Self.document)
    let second = try JSONParser.parse(Self.document)
    first["metadata"]?["creationTimestamp"] = "2027-01-01T00:00:00Z"
    first["metadata"]?["uid"] = nil
    first["spec"]?["tags"] = ["y"]
    #expect(second[path: ["metadata", "creationTimestamp"]] == "2026-12-06T15:05:24Z")
    #expect(second[path: ["metadata", "uid"]] == "291fe25b-365c-4c70-8e15-7cfb841fd37b")
    #expect(first[path: ["metadata", "creationTimestamp"]] == "2027-01-01T00:00:00Z")
    #expect(first[path: ["metadata", "uid"]] == nil)
    #expect(second[path: ["spec", "tags"]] == ["x", nil, []])
  }

  @Test("escaped and non-ASCII text decodes as before, shared or not")
  func escapes() throws {
    let value = try JSONParser.parse(
      #"{"long key with \"quote\"":"caf\u00e9 \ud83d\ude00 and more text","é-long-key-over-16":"x"}"#)
    #expect(value["long key with \"quote\""] == "café 😀 and more text")
    #expect(value["é-long-key-over-16"] == "x")
    #expect(throws: JSONSyntaxError.self) {
      try JSONParser.parse([0x22, 0xFF, 0xFE] + Array(repeating: 0x61, count: 20) + [0x22])
    }
  }

  @Test("the table stops adding at its capacity and never answers with another text")
  func tableBound() {
    var table = JSONStringTable(capacity: 2)
    for text in ["a-long-text-number-1", "a-long-text-number-2", "a-long-text-number-3"] {
      Array(text.utf8).withUnsafeBufferPointer { table.add(text, hash: JSONStringTable.hash($0)) }
    }
    #expect(table.count == 2)
    // A text filed under another text's hash is not taken for it.
    let firstHash = Array("a-long-text-number-1".utf8).withUnsafeBufferPointer { JSONStringTable.hash($0) }
    Array("a-long-text-number-9".utf8).withUnsafeBufferPointer { buffer in
      #expect(table.find(buffer, hash: firstHash) == nil)
      #expect(table.find(buffer, hash: JSONStringTable.hash(buffer)) == nil)
    }
    Array("a-long-text-number-1".utf8).withUnsafeBufferPointer { buffer in
      #expect(table.find(buffer, hash: firstHash) == "a-long-text-number-1")
    }
  }
}
