import ClusterClient
import Foundation
import KubeCore
import Logging
import Synchronization
import Testing

@Suite("JSONLineLogHandler")
struct JSONLineLogHandlerTests {
  /// 2026-11-25T09:41:07.123456Z.
  static let now = Date(timeIntervalSince1970: 1_795_599_667.123456)

  /// A logger whose lines are collected, and the collected lines parsed as the console parses them.
  final class Capture: Sendable {
    let lines = Mutex<[String]>([])
    var handler: JSONLineLogHandler {
      JSONLineLogHandler(
        label: "aiconsole.controller", sink: { line in self.lines.withLock { $0.append(line) } }, now: { now })
    }
    func logger(_ configure: (inout JSONLineLogHandler) -> Void = { _ in }) -> Logger {
      var handler = handler
      configure(&handler)
      return Logger(label: "aiconsole.controller") { _ in handler }
    }
    var records: [LogRecord] {
      lines.withLock { $0 }.map { LogRecord(source: LogSource(namespace: "ns", pod: "p"), timestamp: nil, text: $0) }
    }
  }

  @Test("one line of JSON: ts, level, logger, msg, correlation_id, then the other fields by name")
  func fieldsInOrder() throws {
    let capture = Capture()
    capture.logger().info(
      "reconciled", metadata: ["name": "demo", "correlation_id": "chg-42", "kind": "AICluster", "reconcileID": "r-1"])
    let line = try #require(capture.lines.withLock { $0.first })
    #expect(!line.contains("\n"))
    #expect(
      line
        == #"{"ts":"2026-11-25T09:41:07.123Z","level":"info","logger":"aiconsole.controller","msg":"reconciled","correlation_id":"chg-42","kind":"AICluster","name":"demo","reconcileID":"r-1"}"#
    )
    let record = try #require(capture.records.first)
    #expect(record.ts == LogTimestamp(seconds: 1_795_599_667, nanoseconds: 123_000_000))
    #expect(record.level == .info && record.logger == "aiconsole.controller" && record.message == "reconciled")
    #expect(record.correlationID == "chg-42" && record["kind"] == "AICluster")
  }

  @Test("correlation_id is always there, empty without one")
  func emptyCorrelation() throws {
    let capture = Capture()
    capture.logger().notice("started")
    let record = try #require(capture.records.first)
    #expect(record["correlation_id"] == "")
    #expect(record.correlationID == nil)
  }

  @Test("writes each level by its swift-log name", arguments: Logger.Level.allCases)
  func levels(level: Logger.Level) throws {
    let capture = Capture()
    capture.logger { $0.logLevel = .trace }.log(level: level, "x")
    #expect(try #require(capture.records.first)["level"]?.stringValue == level.rawValue)
  }

  @Test("records below the level are dropped; the level defaults to info")
  func levelFilter() {
    let capture = Capture()
    #expect(capture.handler.logLevel == .info)
    let logger = capture.logger()
    logger.debug("hidden")
    logger.info("shown")
    #expect(capture.records.map(\.message) == ["shown"])
  }

  @Test("handler, provider and call metadata merge, the call's winning; values keep their JSON shape")
  func metadataMerge() throws {
    let capture = Capture()
    var logger = capture.logger {
      $0.metadataProvider = Logger.MetadataProvider { ["source": "provider", "pod": "p-1"] }
    }
    logger[metadataKey: "namespace"] = "prod"
    logger[metadataKey: "pod"] = "handler"
    logger[metadataKey: "status"] = "handler"
    logger.info(
      "served",
      metadata: [
        "status": .stringConvertible(200), "tokens": ["in", "out"],
        "usage": ["in": "12", "out": .stringConvertible(7)],
        "msg": "not the message",
      ])
    let record = try #require(capture.records.first)
    #expect(record.message == "served")
    #expect(record["namespace"] == "prod" && record["pod"] == "p-1" && record["source"] == "provider")
    #expect(record["status"] == "200")
    #expect(record["tokens"] == ["in", "out"])
    #expect(record["usage"] == ["in": "12", "out": "7"])
  }

  @Test("an error attached to the record is written as error")
  func error() throws {
    struct Failure: Error, CustomStringConvertible { var description: String { "disk full" } }
    let capture = Capture()
    capture.handler.log(
      event: LogEvent(
        level: .error, message: "write failed", error: Failure(), metadata: nil, source: nil, file: #fileID,
        function: #function, line: #line))
    #expect(try #require(capture.records.first)["error"] == "disk full")
  }

  @Test("a non-string correlation_id is written as text")
  func convertibleCorrelation() throws {
    let capture = Capture()
    capture.logger().info("x", metadata: ["correlation_id": .stringConvertible(7)])
    #expect(try #require(capture.records.first).correlationID == "7")
  }
}
