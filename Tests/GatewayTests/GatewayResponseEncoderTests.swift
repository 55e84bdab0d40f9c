import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import NIOCore
import Testing

@testable import Gateway

/// The gateway writes its replies with its own encoder (one buffer per whole reply): the framing
/// NIO's encoder gave them must hold, byte for byte, and the access log's cached timestamp must
/// read as `LogTimestamp` writes it.
@Suite("gateway response encoding", .timeLimit(.minutes(1))) struct GatewayResponseEncoderTests {
  /// A `HEAD` gets the head a `GET` would (the length included) and no body: the next reply on
  /// the connection starts right after the blank line.
  @Test func aHeadRequestGetsTheFieldsWithoutTheBody() async throws {
    try await withGateway { port in
      let socket = try LoopbackSocket(port: port, timeout: 5)
      try socket.send("HEAD /healthz HTTP/1.1\r\nHost: g\r\n\r\nGET /healthz HTTP/1.1\r\nHost: g\r\n\r\n")
      let text = try readUntil(socket) { $0.hasSuffix("\r\n\r\nok") }
      let replies = text.components(separatedBy: "HTTP/1.1 ").filter { !$0.isEmpty }
      #expect(replies.count == 2, "got: \(text)")
      let head = try #require(replies.first)
      #expect(head.hasPrefix("405 Method Not Allowed\r\n"))
      #expect(head.contains("\r\nallow: GET\r\n"))
      #expect(head.contains("\r\ncontent-length: "))
      #expect(head.hasSuffix("\r\n\r\n"), "no body after the head: \(head)")
      #expect(replies.last == "200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok")
    }
  }

  /// `Connection: close` is answered with `connection: close`, and the connection ends.
  @Test func aClosingRequestIsAnsweredAndClosed() async throws {
    try await withGateway { port in
      let socket = try LoopbackSocket(port: port, timeout: 5)
      try socket.send("GET /healthz HTTP/1.1\r\nHost: g\r\nConnection: close\r\n\r\n")
      #expect(
        socket.readToEnd()
          == "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\ncontent-length: 2\r\n\r\nok")
    }
  }

  /// A 404 carries the JSON error with its exact length.
  @Test func anUnknownPathGetsAFramedJSONError() async throws {
    try await withGateway { port in
      let socket = try LoopbackSocket(port: port, timeout: 5)
      try socket.send("GET /nothing HTTP/1.1\r\nHost: g\r\n\r\n")
      let text = try readUntil(socket) { $0.hasSuffix("}") }
      let parts = text.components(separatedBy: "\r\n\r\n")
      #expect(parts.first?.hasPrefix("HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\n") == true)
      let body = try #require(parts.last)
      #expect(parts.first?.contains("content-length: \(body.utf8.count)") == true)
      let error = try JSONParser.parse(Array(body.utf8))["error"]
      #expect(error?["code"]?.stringValue == "not_found")
    }
  }

  @Test func fieldValuesThatCouldSplitTheHeadAreLeftOut() {
    #expect(GatewayResponseEncoder.isSafe("req-1"))
    #expect(!GatewayResponseEncoder.isSafe("a\r\nx-injected: 1"))
    #expect(!GatewayResponseEncoder.isSafe("a\u{0}b"))
  }

  /// A whole proxied reply's usage is read from its buffer without a copy, as fed in pieces.
  @Test func aWholeReplysUsageIsReadWhereItLies() {
    let reply =
      #"{"choices":[{"message":{"content":"\"usage\":{\"prompt_tokens\":9}"}}],"#
      + #""usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}"#
    var sniffer = UsageSniffer(streaming: false)
    sniffer.finish(whole: ByteBuffer(string: reply))
    #expect(sniffer.promptTokens == 3)
    #expect(sniffer.completionTokens == 5)
  }

  /// The timestamp is formatted once per second and the milliseconds added: the same text as
  /// `rfc3339Milliseconds`, across second, day and year boundaries.
  @Test func accessLogTimestampsMatchLogTimestamp() throws {
    let seconds: [Double] = [0, 0.0005, 1_764_979_199.9996, 1_764_979_200.001, 1_798_761_599.999, 1_798_761_600.5]
    for second in seconds + seconds.reversed() {
      let date = Date(timeIntervalSince1970: second)
      let record = AccessRecord(
        requestID: "r", route: "ns/route", model: "m", endpoint: "/v1/chat/completions", status: 200,
        promptTokens: 1, completionTokens: 2, duration: .milliseconds(3), cacheHit: false)
      let line = try JSONParser.parse(Array(record.logLine(at: date).utf8))
      #expect(line["ts"]?.stringValue == LogTimestamp(date).rfc3339Milliseconds, "at \(second)")
    }
  }

  /// Reads until `done` holds of everything read so far.
  private func readUntil(_ socket: LoopbackSocket, _ done: (String) -> Bool) throws -> String {
    var text = ""
    while !done(text) {
      let chunk = try socket.read()
      guard !chunk.isEmpty else { break }
      text += chunk
    }
    return text
  }

  private func withGateway(_ body: (Int) async throws -> Void) async throws {
    try await GatewayConnectionLimitsTests().withGateway { port, _ in try await body(port) }
  }
}
