import ClusterClient
import Testing

@Suite("LogFilter") struct LogFilterTests {
  static let gateway =
    #"{"ts":"2026-11-30T10:00:00.100Z","level":"warn","logger":"gateway","msg":"upstream timeout","#
    + #""correlation_id":"req-abc","route":"chat","status":504,"cached":false}"#
  static let controller =
    #"{"ts":"2026-11-30T10:00:00.200Z","level":"info","logger":"controller","msg":"reconciled","#
    + #""correlation_id":"chg-1","kind":"AICluster","name":"llama"}"#
  /// The wanted ID appears, but only inside the message, not as the line's correlation ID.
  static let mention =
    #"{"ts":"2026-11-30T10:00:00.300Z","level":"error","msg":"retrying req-abc","correlation_id":"req-other"}"#
  static let plain = "level=warn correlation_id=req-abc route=chat listening on :8080"

  static func passing(_ filter: LogFilter) -> [String] {
    [gateway, controller, mention, plain].filter { filter.matches($0) }
  }

  @Test("the empty filter passes every line, JSON or not")
  func empty() {
    #expect(Self.passing(.all).count == 4)
    #expect(LogFilter.all.matches(""))
  }

  @Test("a correlation ID passes the lines that carry it, not those that only mention it")
  func correlationID() {
    #expect(Self.passing(LogFilter(correlationID: "req-abc")) == [Self.gateway, Self.plain])
    #expect(Self.passing(LogFilter(correlationID: "req-ab")).isEmpty)
    #expect(LogFilter(correlationID: "req-abc").anchor == Array("req-abc".utf8))
  }

  @Test("a correlation ID with quotes is found as JSON escapes it")
  func escapedID() {
    let line = #"{"correlation_id":"a\"b","msg":"x"}"#
    #expect(LogFilter(correlationID: "a\"b").matches(line))
    #expect(!LogFilter(correlationID: "a\"c").matches(line))
  }

  @Test("a minimum level passes that level and above, and drops lines without a level")
  func level() {
    #expect(Self.passing(LogFilter(minimumLevel: .warn)) == [Self.gateway, Self.mention, Self.plain])
    #expect(Self.passing(LogFilter(minimumLevel: .error)) == [Self.mention])
    #expect(!LogFilter(minimumLevel: .trace).matches(#"{"msg":"no level"}"#))
  }

  @Test(
    "a field matches strings, numbers and booleans as written",
    arguments: [
      ("route", "chat", true), ("status", "504", true), ("status", "50", false), ("cached", "false", true),
      ("kind", "AICluster", false), ("route", "cha", false),
    ])
  func field(key: String, value: String, passes: Bool) {
    #expect(LogFilter(fields: [.init(key: key, value: value)]).matches(Self.gateway) == passes)
  }

  @Test("substrings are byte for byte and case-sensitive; regular expressions match anywhere")
  func text() throws {
    #expect(Self.passing(LogFilter(substrings: ["timeout"])) == [Self.gateway])
    #expect(Self.passing(LogFilter(substrings: ["Timeout"])).isEmpty)
    #expect(
      Self.passing(LogFilter(patterns: [try LogPattern("time(d )?out|retrying")])) == [Self.gateway, Self.mention])
  }

  @Test("all parts must hold at once")
  func combined() throws {
    let filter = try LogFilter.parse("level>=warn correlation_id=req-abc route=chat /time.ut/")
    #expect(Self.passing(filter) == [Self.gateway])
    #expect(Self.passing(filter.with(minimumLevel: .error)).isEmpty)
  }

  @Test("parses what a user types, and prints it back")
  func parse() throws {
    let filter = try LogFilter.parse(#"level>=WARNING  correlation_id=abc msg="no backend" /a b\/c/ "two words" plain"#)
    #expect(filter.minimumLevel == .warn)
    #expect(filter.correlationID == "abc")
    #expect(filter.fields == [.init(key: "msg", value: "no backend")])
    #expect(filter.patterns.map(\.source) == [#"a b\/c"#])
    #expect(filter.substrings == ["two words", "plain"])
    #expect(try LogFilter.parse(filter.description) == filter)
    #expect(try LogFilter.parse("").isEmpty)
  }

  @Test(
    "bad terms are refused with a message naming them",
    arguments: [
      ("/(unclosed/", "invalid regular expression /(unclosed/"),
      ("/open", "unterminated regular expression /open"),
      ("level>=loud", #"unknown level "loud": use trace, debug, info, warn or error"#),
      (#"msg="open"#, "unterminated quote"),
    ])
  func errors(query: String, message: String) {
    let error = #expect(throws: LogFilterError.self) { try LogFilter.parse(query) }
    #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error))")
  }

  @Test("non-JSON and non-UTF-8 lines are read, not dropped or crashed on")
  func plainAndInvalid() {
    let invalid = String(decoding: [0x7B, 0xFF, 0xFE, 0x22, 0x7D] as [UInt8], as: UTF8.self)
    #expect(!LogFilter(correlationID: "x").matches(invalid))
    #expect(LogFilter(substrings: ["\u{FFFD}"]).matches(invalid))
    #expect(!LogFilter(minimumLevel: .info).matches("{ not json"))
    #expect(LogFilter(fields: [.init(key: "route", value: "chat")]).matches(Self.plain))
    #expect(LogFilter(fields: [.init(key: "msg", value: "a b")]).matches(#"level=info msg="a b""#))
  }

  @Test("a megabyte-long line is filtered like any other")
  func longLine() throws {
    let padding = String(repeating: "x", count: 2 << 20)
    let line = #"{"level":"info","msg":"\#(padding)","correlation_id":"req-long"}"#
    #expect(LogFilter(correlationID: "req-long").matches(line))
    #expect(!LogFilter(correlationID: "req-short").matches(line))
    #expect(try LogFilter.parse("level>=info /x{10}/").matches(line))
  }

  @Test("records are matched on the fields they were parsed into")
  func records() {
    let source = LogSource(namespace: "aiconsole-system", pod: "aiconsole-gateway")
    let record = LogRecord(source: source, timestamp: nil, text: Self.gateway)
    #expect(LogFilter(correlationID: "req-abc").matches(record))
    #expect(!LogFilter(correlationID: "chg-1").matches(record))
    #expect(LogFilter(minimumLevel: .warn, substrings: ["upstream"]).matches(record))
    #expect(LogFilter(correlationID: "req-abc").matches(LogRecord(source: source, timestamp: nil, text: Self.plain)))
  }
}
