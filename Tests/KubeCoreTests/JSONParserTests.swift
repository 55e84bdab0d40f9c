import KubeCore
import Testing

@Suite("JSONParser")
struct JSONParserTests {
  @Test("parses nested documents and keeps key order")
  func keepsOrder() throws {
    let value = try JSONParser.parse(
      #"{"kind":"AICluster","apiVersion":"v1","spec":{"replicas":2,"ratio":0.5,"tags":["a",null,true]}}"#)
    #expect(Array(value.objectValue!.keys) == ["kind", "apiVersion", "spec"])
    #expect(value[path: ["spec", "replicas"]] == .int(2))
    #expect(value[path: ["spec", "ratio"]] == .double(0.5))
    #expect(value[path: ["spec", "tags"]] == ["a", nil, true])
  }

  @Test("round-trips escapes and unicode through the writer")
  func roundTrip() throws {
    let text = #"{"s":"line\nbreak \"quoted\" \\ tab\t \u00e9 \ud83d\ude80 \u0001"}"#
    let value = try JSONParser.parse(text)
    #expect(value["s"]?.stringValue == "line\nbreak \"quoted\" \\ tab\t é 🚀 \u{01}")
    #expect(try JSONParser.parse(value.serialized()) == value)
  }

  @Test(
    "reports where the syntax error is",
    arguments: [
      (#"{"a":1,}"#, 1, 8), ("{\n  \"a\": tru\n}", 2, 8), (#"{"a":"unterminated"#, 1, 19), ("[1 2]", 1, 4),
    ])
  func reportsPosition(text: String, line: Int, column: Int) {
    #expect {
      _ = try JSONParser.parse(text)
    } throws: { error in
      guard let error = error as? JSONSyntaxError else { return false }
      return error.line == line && error.column == column
    }
  }

  @Test("refuses nesting deeper than the limit without overflowing the stack")
  func depthLimit() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    let allowed = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    #expect((try? JSONParser.parse(allowed)) != nil)
  }

  @Test("refuses invalid UTF-8 inside strings")
  func invalidUTF8() {
    let bytes: [UInt8] = Array(#"{"a":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes) }
  }

  @Test("a high surrogate without its low half becomes U+FFFD and the next escape stands alone")
  func unpairedSurrogate() throws {
    // Found by `make fuzz`: the pair's arithmetic underflowed and trapped.
    #expect(try JSONParser.parse(#"{"a":"\uD800\u0041"}"#)["a"] == "\u{FFFD}A")
    #expect(try JSONParser.parse(#"{"a":"\uDbfD\uaeba"}"#)["a"] == "\u{FFFD}\u{AEBA}")
    #expect(try JSONParser.parse(#"{"a":"\uD83D\uDE00"}"#)["a"] == "😀")
    #expect(try JSONParser.parse(#"{"a":"\uDC00"}"#)["a"] == "\u{FFFD}")
  }
}
