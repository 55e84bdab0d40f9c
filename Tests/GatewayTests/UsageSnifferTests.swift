import KubeCore
import NIOCore
import Testing

@testable import Gateway

/// Usage read from proxied replies by looking at bytes: only the top-level `usage` of a whole
/// reply, only non-null `usage` of an event, content chunks counted by a non-empty `choices`.
@Suite("UsageSniffer") struct UsageSnifferTests {
  func whole(_ text: String, in pieces: Int = 1) -> UsageSniffer {
    var sniffer = UsageSniffer(streaming: false)
    let bytes = Array(text.utf8)
    let size = max(1, bytes.count / pieces)
    for start in stride(from: 0, to: bytes.count, by: size) {
      sniffer.feed(Array(bytes[start..<min(bytes.count, start + size)]))
    }
    sniffer.finish()
    return sniffer
  }

  func stream(_ text: String, in pieces: Int = 1) -> UsageSniffer {
    var sniffer = UsageSniffer(streaming: true)
    let bytes = Array(text.utf8)
    let size = max(1, bytes.count / pieces)
    for start in stride(from: 0, to: bytes.count, by: size) {
      sniffer.feed(Array(bytes[start..<min(bytes.count, start + size)]))
    }
    sniffer.finish()
    return sniffer
  }

  @Test("a whole reply's top-level usage, not one nested or inside a string")
  func wholeReply() {
    let reply = #"""
      {"id":"x","choices":[{"message":{"content":"say \"usage\": {\"prompt_tokens\": 99}","usage":{"prompt_tokens":50}}}],
       "usage" : {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12}}
      """#
    for pieces in [1, 3, 17] {
      let sniffer = whole(reply, in: pieces)
      #expect(sniffer.promptTokens == 5 && sniffer.completionTokens == 7, "in \(pieces) pieces")
    }
    #expect(whole(#"{"choices":[{"usage":{"prompt_tokens":3}}]}"#).promptTokens == 0)
    #expect(whole("not json").promptTokens == 0)
  }

  static let usages = [
    #"{"prompt_tokens": 5, "completion_tokens": 7}"#, #"{"prompt_tokens":5.0,"completion_tokens":7e0}"#,
    #"{"prompt_tokens":5}"#, #"{"completion_tokens":7}"#, #"{"prompt_tokens":"5","completion_tokens":7}"#,
    #"{"prompt_tokens":1,"prompt_tokens":2,"completion_tokens":null}"#, #"{"prompt_tokens":2.5}"#,
    #"{"prompt_tokens":99999999999999999999}"#, #"{"prompt\u005ftokens":4,"completion_tokens":1}"#,
    #"{"prompt_tokens":3,"details":{"prompt_tokens":9,"x":[1,{"y":"z"}]}}"#, #"{"prompt_tokens":3,}"#, "null",
    "[1]", #""text""#, "{}", #"{"prompt_tokens":-4,"completion_tokens":-1}"#,
  ]

  @Test("a whole reply's usage is read where it lies as the parser reads it", arguments: usages)
  func usageAsTheParserReadsIt(_ usage: String) {
    let reply = #"{"id":"x","usage":\#(usage)}"#
    var expected = (prompt: 0, completion: 0)
    if let parsed = try? JSONParser.parse(reply)["usage"], let prompt = parsed["prompt_tokens"]?.intValue {
      expected = (Int(prompt), Int(parsed["completion_tokens"]?.intValue ?? 0))
    }
    var sniffer = UsageSniffer(streaming: false)
    sniffer.finish(whole: ByteBuffer(string: reply))
    #expect(sniffer.promptTokens == expected.prompt && sniffer.completionTokens == expected.completion)
    let plain = Array(usage.utf8).withUnsafeBytes { UsageCounts($0) }
    #expect((plain != nil) == (expected.prompt != 0 && !usage.contains("\\")), "read by the scanner, not the parser")
  }

  @Test("a stream counts content chunks, skips null usage and takes the last usage, lines split anywhere")
  func streamed() {
    let chunk = #"data: {"choices":[{"index":0,"delta":{"content":"a \"choices\": []"}}],"usage":null}"# + "\n\n"
    let empty = #"data: {"choices": [ ],"usage":null}"# + "\n\n"
    let usage = #"data: {"choices":[],"usage":{"prompt_tokens":4,"completion_tokens":3}}"# + "\n\ndata: [DONE]\n\n"
    for pieces in [1, 5, 40] {
      let counted = stream(String(repeating: chunk, count: 3) + empty, in: pieces)
      #expect(
        counted.completionTokens == 3 && counted.promptTokens == 0, "no usage: chunks counted, in \(pieces) pieces")
      let reported = stream(String(repeating: chunk, count: 3) + usage, in: pieces)
      #expect(reported.promptTokens == 4 && reported.completionTokens == 3, "in \(pieces) pieces")
    }
  }
}
