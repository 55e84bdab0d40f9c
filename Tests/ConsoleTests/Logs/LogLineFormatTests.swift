import ClusterClient
import KubeCore
import Testing

@testable import ConsoleApp

@Suite("LogLineFormat") struct LogLineFormatTests {
  static let gateway = LogSource(namespace: "aiconsole-system", pod: "aiconsole-gateway")
  static let instance = LogSource(namespace: "ml", pod: "llama-0")
  static let line =
    #"{"ts":"2026-11-30T10:00:00.123Z","level":"warn","msg":"upstream timeout","correlation_id":"req-1","status":504,"route":"chat prod"}"#

  @Test("json prints the raw line with its source added, and wraps plain text")
  func json() throws {
    let printed = LogLineFormat.json.render(LogRecord(source: Self.gateway, timestamp: nil, text: Self.line))
    #expect(printed == String(Self.line.dropLast()) + #","source":"aiconsole-system/aiconsole-gateway"}"#)
    #expect(try JSONParser.parse(printed)["status"]?.intValue == 504)
    #expect(
      LogLineFormat.json.render(LogRecord(source: Self.instance, timestamp: nil, text: "{}"))
        == #"{"source":"ml/llama-0"}"#)
    let plain = LogLineFormat.json.render(LogRecord(source: Self.instance, timestamp: nil, text: "booting"))
    #expect(try JSONParser.parse(plain)["msg"]?.stringValue == "booting")
  }

  @Test("text prints time, source, level and message, then the other fields")
  func text() {
    #expect(
      LogLineFormat.text.render(LogRecord(source: Self.gateway, timestamp: nil, text: Self.line))
        == #"2026-11-30T10:00:00.123Z aiconsole-gateway warn upstream timeout correlation_id=req-1 status=504 route="chat prod""#
    )
    #expect(
      LogLineFormat.text.render(LogRecord(source: Self.instance, timestamp: nil, text: "booting"))
        == "- ml/llama-0 booting")
  }
}
