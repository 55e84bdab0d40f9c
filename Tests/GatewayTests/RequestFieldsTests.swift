import KubeCore
import Testing

@testable import Gateway

/// The request body read by one validating pass (`RequestFields`, `JSONScanner`) against the
/// reading it replaced (`JSONParser` and the whole tree): the same routing fields, prompt and
/// context for valid bodies, and the same refusal, word for word, for everything else.
@Suite struct RequestFieldsTests {
  /// What a reading of a body comes to: its fields, or the refusal.
  struct Reading: Equatable, CustomStringConvertible {
    var model = "", maxTokens = 0, stream = false, prompt = ""
    var context: JSONValue?
    var error: GatewayError?

    init(_ read: () throws(GatewayError) -> OpenAIRequest) {
      do {
        let request = try read()
        (model, maxTokens, stream, prompt, context) =
          (request.model, request.maxTokens, request.stream, request.prompt, request.context)
      } catch {
        self.error = error
      }
    }

    var description: String {
      error.map { "\($0.code): \($0.message)" }
        ?? "\(model) \(maxTokens) \(stream) \(prompt.debugDescription) \(context.map(\.jsonString) ?? "-")"
    }
  }

  /// The scanned reading.
  static func scanned(_ body: [UInt8], _ endpoint: InferenceRequest.Endpoint) -> Reading {
    Reading { () throws(GatewayError) in try OpenAIRequest(endpoint: endpoint, body: body, requestID: "r") }
  }

  /// The reading before the scanner: the whole body parsed, then read from the tree.
  static func reference(_ body: [UInt8], _ endpoint: InferenceRequest.Endpoint) -> Reading {
    Reading { () throws(GatewayError) in
      let tree: JSONValue
      do {
        tree = try JSONParser.parse(body)
      } catch {
        throw .badRequest("the body is not valid JSON: \(error)", code: "invalid_json")
      }
      return try OpenAIRequest(endpoint: endpoint, tree: tree, requestID: "r")
    }
  }

  static let validBodies: [String] = [
    #"{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":5,"stream":true}"#,
    #" { "model" : "llama" , "messages" : [ { "role" : "system" , "content" : "a" } , { "role" : "user" , "content" : [ { "type" : "text" , "text" : "b" } , { "text" : "c" } ] } ] } "#,
    #"{"model":"m","messages":[{"role":"user","content":"h\u00e9llo \"q\" \ud83d\ude00 \/"}],"stream":false}"#,
    #"{"model":"caf\u00e9","messages":[{"role":"user","content":"ünï ✓ 😀"}],"max_tokens":null}"#,
    #"{"mod\u0065l":"m","messages":[{"r\u006fle":"user","content":"x"}],"max_tokens":7.0}"#,
    #"{"model":"first","model":"second","messages":[],"messages":[{"role":"u"}],"stream":true,"stream":1}"#,
    #"{"model":"m","messages":[{"role":"user","content":"x"}],"max_completion_tokens":9}"#,
    #"{"model":"m","messages":[{"role":"user"}],"max_tokens":null,"max_completion_tokens":9}"#,
    #"{"model":"m","messages":[{"role":"user"}],"max_tokens":1e2}"#,
    #"{"model":"m","messages":[{"role":"user"}],"max_tokens":99999999999999999999}"#,
    #"{"model":"m","messages":[{"role":"user"}],"max_tokens":1e400}"#,
    #"{"model":"m","messages":[{"role":"user"}],"max_tokens":-0}"#,
    #"{"model":"m","messages":[{"role":"user"}],"max_tokens":2.5}"#,
    #"{"model":"m","messages":[{"role":"user"}],"max_tokens":"5"}"#,
    #"{"model":"m","messages":[{"role":"user"}],"context":{"ticket":"T-1","tags":["a",{"b":[1,2.5e-3,true,null]}]}}"#,
    #"{"model":"m","messages":[{"role":"user"}],"context":null}"#,
    #"{"model":"m","messages":[{"role":"user"}],"context":"text"}"#,
    #"{"model":"m","prompt":"complete this","max_tokens":3}"#,
    #"{"model":"m","prompt":["a","b",1,null]}"#,
    #"{"model":"m","prompt":{"not":"text"}}"#,
    #"{"model":"m","prompt":null,"messages":[{"role":"user"}]}"#,
    #"{"model":"m","messages":[{"role":"user"},{"content":"no role"}]}"#,
    #"{"model":"m","messages":[{"role":"user"},"text",{"role":5}]}"#,
    #"{"model":"m","messages":[{"role":"a","role":null}]}"#,
    #"{"model":"m","messages":{"role":"user"}}"#,
    #"{"model":"m","messages":[]}"#,
    #"{"model":"","messages":[{"role":"user"}]}"#,
    #"{"model":42,"messages":[{"role":"user"}]}"#,
    #"{"messages":[{"role":"user"}]}"#,
    #"{}"#,
    #"[{"model":"m"}]"#,
    #""just a string""#,
    #"12"#,
    "null",
  ]

  @Test("valid bodies read the same as the tree read them", arguments: validBodies)
  func validBodiesMatchTheTree(_ text: String) {
    let body = Array(text.utf8)
    #expect(RequestFields(scanning: body, endpoint: .chat) != nil, "the scanner itself must accept it")
    for endpoint in [InferenceRequest.Endpoint.chat, .completion] {
      let scanned = Self.scanned(body, endpoint)
      #expect(scanned == Self.reference(body, endpoint), "\(endpoint)")
    }
  }

  @Test func theFieldsAreReadWhereTheyLie() throws {
    let chat = try OpenAIRequest(
      endpoint: .chat,
      body: Array(
        #"{"model":"m","messages":[{"role":"user","content":"hi"},{"role":"user","content":"there"}],"max_tokens":5,"stream":true,"context":{"a":1}}"#
          .utf8),
      requestID: "r1")
    #expect(chat.model == "m" && chat.maxTokens == 5 && chat.stream && chat.requestID == "r1")
    #expect(chat.prompt == "hi\nthere")
    #expect(chat.context == ["a": 1])
    #expect(chat.inference.prompt == "hi\nthere" && chat.inference.body["model"] == "m")
  }

  static let invalidBodies: [[UInt8]] =
    [
      "", " ", "{", "}", "{\"model\":\"m\"", "{\"model\":\"m\",}", "{\"model\" \"m\"}", "{model:\"m\"}",
      "{\"model\":\"m\"} x", "{\"model\":\"m\"}{}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}",
      "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":.5}", "{\"a\":+1}",
      "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"unterminated}",
      "{\"a\":\"tab\there\"}", "{\"a\":[1,2,]}", "{\"a\":[1 2]}", "{\"a\":{\"b\":1,}}", "{,}", "[,]",
      "{\"messages\":[{\"role\":\"user\",}]}", "{\"messages\":[{\"role\" \"user\"}]}",
    ].map { Array($0.utf8) } + [
      [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0x80, 0x22, 0x7D],  // overlong NUL
      [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D],  // a surrogate
      [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22, 0x7D],  // above U+10FFFF
      [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE2, 0x82, 0x22, 0x7D],  // cut short
      [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0x80, 0x22, 0x7D],  // a lone continuation byte
      [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D],
      [0x7B, 0x22, 0xE9, 0x22, 0x3A, 0x31, 0x7D],  // in a key
      [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x31, 0x7D, 0x00],  // a NUL after the document
      Array("{\"model\":\"m\",\"context\":".utf8) + Array(repeating: UInt8(ascii: "["), count: 600)
        + Array(repeating: UInt8(ascii: "]"), count: 600) + [UInt8(ascii: "}")],
    ]

  @Test("invalid JSON is refused with the parser's own words", arguments: invalidBodies)
  func invalidBodiesAreRefusedAsBefore(_ body: [UInt8]) {
    #expect(RequestFields(scanning: body, endpoint: .chat) == nil, "the scanner itself must refuse it")
    let scanned = Self.scanned(body, .chat)
    #expect(scanned.error?.code == "invalid_json")
    #expect(scanned == Self.reference(body, .chat))
  }

  @Test func nestingIsRefusedPastTheParsersLimitOnly() {
    func nested(_ depth: Int) -> [UInt8] {
      // The body is the first level, `context`'s arrays the others.
      Array(#"{"model":"m","messages":[{"role":"u"}],"context":"#.utf8)
        + Array(repeating: UInt8(ascii: "["), count: depth - 1) + Array(repeating: UInt8(ascii: "]"), count: depth - 1)
        + [UInt8(ascii: "}")]
    }
    let deepest = nested(JSONParser.defaultMaxDepth)
    #expect(RequestFields(scanning: deepest, endpoint: .chat) != nil)
    #expect(Self.scanned(deepest, .chat) == Self.reference(deepest, .chat))
    let tooDeep = nested(JSONParser.defaultMaxDepth + 1)
    #expect(RequestFields(scanning: tooDeep, endpoint: .chat) == nil)
    #expect(Self.scanned(tooDeep, .chat).error?.message.contains("nesting deeper than 512 levels") == true)
    #expect(Self.scanned(tooDeep, .chat) == Self.reference(tooDeep, .chat))
  }

  @Test func aLargeBodyReadsTheSame() {
    let content = String(repeating: "word ünï \\n \\u00e9 ", count: 20_000)
    let body = Array(#"{"model":"m","messages":[{"role":"user","content":"\#(content)"}],"max_tokens":4}"#.utf8)
    #expect(body.count > 400_000)
    #expect(Self.scanned(body, .chat) == Self.reference(body, .chat))
    #expect(Self.scanned(body, .chat).error == nil)
  }

  /// Every body one byte away from a valid one: the scanner accepts exactly what the parser
  /// accepts, and reads it the same.
  @Test func bodiesOneByteAwayReadAsTheParserReadsThem() {
    let seeds = [
      #"{"model":"m","messages":[{"role":"user","content":"h\u00e9 ✓"}],"max_tokens":5,"stream":true,"context":{"t":[1,-2.5e3,null,false]}}"#,
      #"{"model":"m","prompt":["a","b"],"max_completion_tokens":0.5}"#,
    ]
    let replacements: [UInt8] = Array(#"{}[]":,\"-+.0123456789eEtfnulr "#.utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xE2, 0xFF]
    var checked = 0
    for seed in seeds.map({ Array($0.utf8) }) {
      for index in seed.indices {
        var variants = [Array(seed[..<index] + seed[(index + 1)...])]
        for byte in replacements where byte != seed[index] {
          var changed = seed
          changed[index] = byte
          variants.append(changed)
        }
        for body in variants {
          let parsed = (try? JSONParser.parse(body)) != nil
          #expect(
            (RequestFields(scanning: body, endpoint: .chat) != nil) == parsed,
            "\(String(decoding: body, as: UTF8.self))")
          for endpoint in [InferenceRequest.Endpoint.chat, .completion] {
            #expect(Self.scanned(body, endpoint) == Self.reference(body, endpoint))
          }
          checked += 1
        }
      }
    }
    #expect(checked > 5_000)
  }
}
