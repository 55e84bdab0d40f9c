import Foundation
import KubeCore
import Testing

@Suite("JSONValueDecoder")
struct JSONValueDecoderTests {
  struct Sample: Codable, Equatable {
    struct Inner: Codable, Equatable {
      var count: Int
      var ratio: Double?
    }
    var name: String
    var replicas: Int32?
    var flags: [Bool]
    var inner: Inner
    var extra: JSONValue?
    var byKey: [String: Int]
  }

  static let document = """
    {"name":"a","replicas":3,"flags":[true,false],"inner":{"count":2.0,"ratio":1},
     "extra":{"z":1,"a":[null]},"byKey":{"x":1,"y":2},"ignored":"yes"}
    """

  @Test("decodes what Foundation's JSONDecoder decodes from the same text, keeping a JSONValue's key order")
  func agreesWithJSONDecoder() throws {
    let value = try JSONParser.parse(Array(Self.document.utf8))
    let direct = try JSONValueDecoder().decode(Sample.self, from: value)
    let foundation = try JSONDecoder().decode(Sample.self, from: Data(Self.document.utf8))
    #expect(direct.name == foundation.name && direct.replicas == 3 && direct.flags == [true, false])
    #expect(direct.inner == Sample.Inner(count: 2, ratio: 1) && direct.byKey == foundation.byKey)
    #expect(direct.extra?.objectValue.map { Array($0.keys) } == ["z", "a"])
  }

  @Test(
    "refuses what JSONDecoder refuses: a fraction or an out-of-range number for an integer, a missing key, a wrong type"
  )
  func refusesMismatches() throws {
    func decode(_ text: String) throws -> Sample {
      try JSONValueDecoder().decode(Sample.self, from: try JSONParser.parse(Array(text.utf8)))
    }
    let base = #""flags":[],"inner":{"count":1},"byKey":{}"#
    #expect(throws: DecodingError.self) { try decode(#"{"name":"a","replicas":2.5,\#(base)}"#) }
    #expect(throws: DecodingError.self) { try decode(#"{"name":"a","replicas":4294967296,\#(base)}"#) }
    #expect(throws: DecodingError.self) { try decode(#"{"replicas":1,\#(base)}"#) }
    #expect(throws: DecodingError.self) { try decode(#"{"name":5,\#(base)}"#) }
    #expect(throws: DecodingError.self) { try decode(#"{"name":null,\#(base)}"#) }
    #expect(try decode(#"{"name":"a","replicas":null,\#(base)}"#).replicas == nil)
  }
}
