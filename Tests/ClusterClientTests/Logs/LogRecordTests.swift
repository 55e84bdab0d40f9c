import ClusterClient
import KubeCore
import Testing

@Suite("LogRecord")
struct LogRecordTests {
  static let source = LogSource(namespace: "ai", pod: "gateway-0", container: "gateway")

  @Test("parses a JSON line into fields, with the common ones at hand")
  func jsonLine() throws {
    let line =
      #"{"ts":"2026-01-02T03:04:05.123Z","level":"info","logger":"gateway","msg":"request","#
      + #""correlation_id":"req-42","route":"chat","latency_ms":12.5,"tokens_in":30,"tokens_out":7}"#
    let record = LogRecord(line: line, source: Self.source, timestamped: false)
    #expect(record.isJSON)
    #expect(record.level == .info)
    #expect(record.message == "request")
    #expect(record.logger == "gateway")
    #expect(record.correlationID == "req-42")
    #expect(record.ts == LogTimestamp(seconds: 1_767_323_045, nanoseconds: 123_000_000))
    #expect(record["latency_ms"] == .double(12.5))
    #expect(record["tokens_in"]?.intValue == 30)
    #expect(record["missing"] == nil)
    #expect(record.text == line)
    #expect(record.timestamp == nil)
  }

  @Test("keeps a plain line as text", arguments: ["starting server", "{not json", "[1, 2]", "", "  "])
  func plainLine(line: String) {
    let record = LogRecord(line: line, source: Self.source, timestamped: false)
    #expect(!record.isJSON)
    #expect(record.text == line)
    #expect(record.level == nil && record.correlationID == nil && record.ts == nil)
  }

  @Test("splits off the kubelet's timestamp prefix")
  func timestampPrefix() {
    let record = LogRecord(
      line: #"2026-01-02T03:04:06.000000001Z {"msg":"hi","level":"warn"}"#, source: Self.source, timestamped: true)
    #expect(record.timestamp == LogTimestamp(seconds: 1_767_323_046, nanoseconds: 1))
    #expect(record.text == #"{"msg":"hi","level":"warn"}"#)
    #expect(record.level == .warn)
    #expect(record.time == record.timestamp, "no ts field: the write time orders it")
    let plain = LogRecord(line: "2026-01-02T03:04:06Z plain text", source: Self.source, timestamped: true)
    #expect(plain.text == "plain text")
  }

  @Test("a line whose prefix is not a stamp stays whole", arguments: ["hello world", "nospace", "2026 not a time"])
  func notAStamp(line: String) {
    let record = LogRecord(line: line, source: Self.source, timestamped: true)
    #expect(record.timestamp == nil)
    #expect(record.text == line)
  }

  @Test("fields of other types are kept as values, not read as the common ones")
  func otherTypes() {
    let line = #"{"level":3,"correlation_id":null,"ts":1767323045,"msg":["a"],"ok":true,"nested":{"k":"v"}}"#
    let record = LogRecord(line: line, source: Self.source, timestamped: false)
    #expect(record.isJSON)
    #expect(record.level == nil && record.correlationID == nil && record.ts == nil && record.message == nil)
    #expect(record["level"] == .int(3))
    #expect(record["ok"] == .bool(true))
    #expect(record["nested"]?["k"] == "v")
    #expect(record["correlation_id"]?.isNull == true)
  }

  @Test("an empty correlation_id counts as none")
  func emptyCorrelation() {
    let record = LogRecord(line: #"{"correlation_id":""}"#, source: Self.source, timestamped: false)
    #expect(record.correlationID == nil)
  }

  @Test("orders by the line's own ts before the write time")
  func time() {
    let record = LogRecord(
      line: #"2026-01-02T03:04:09Z {"ts":"2026-01-02T03:04:05Z"}"#, source: Self.source, timestamped: true)
    #expect(record.time == LogTimestamp(seconds: 1_767_323_045))
    #expect(Self.source.description == "ai/gateway-0/gateway")
  }

  @Test("reads the time, level and message of other JSON loggers' spellings")
  func otherSpellings() {
    let line = #"{"time":"2026-01-02T03:04:05Z","severity":"WARNING","message":"disk low","disk":"sda"}"#
    let record = LogRecord(line: line, source: Self.source, timestamped: false)
    #expect(record.ts == LogTimestamp(seconds: 1_767_323_045))
    #expect(record.level == .warn)
    #expect(record.message == "disk low")
  }

  @Test(
    "reads a level from its common spellings",
    arguments: [
      ("WARNING", LogLevel.warn), ("err", .error), ("fatal", .error), ("notice", .info), ("dbg", .debug),
      ("trace", .trace),
    ])
  func levelSpellings(word: String, level: LogLevel) {
    #expect(LogLevel(parsing: word) == level)
    #expect(LogLevel(parsing: "loud") == nil)
  }

  @Test(
    "finds the level a plain line shouts near its start, not a word of its prose",
    arguments: [
      ("2025 WARN disk low", LogLevel?.some(.warn)), ("E1130 12:00:00 ERROR failed", .error),
      ("a note for your info only", nil), ("one two three four five six ERROR", nil),
    ])
  func plainLineLevel(line: String, level: LogLevel?) {
    #expect(LogLevel(plainLine: line) == level)
  }
}
