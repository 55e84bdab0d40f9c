import ClusterClient
import ClusterTestSupport
import Testing

@Suite("PrometheusTextParser: malformed input")
struct ExpositionErrorTests {
  /// Each case: the input, the line the error must name, and words its reason must contain.
  static let cases: [(String, Int, String)] = [
    (#"x{a="b\q"} 1"#, 1, "invalid escape \\q"),
    (#"x{a="b\"} 1"#, 1, "unterminated value of label a"),
    ("x 1e400", 1, "invalid value"),
    ("ok 1\nx{a=\"b\"}", 2, "missing value"),
    ("x", 1, "missing value"),
    ("x ", 1, "missing value"),
    (#"x{a="b" 1"#, 1, "expected ',' or '}'"),
    (#"x{a="b","#, 1, "unterminated label set"),
    ("x{", 1, "unterminated label set"),
    (#"x{a=b} 1"#, 1, "expected '\"' to open the value of label a"),
    (#"x{a "b"} 1"#, 1, "expected '=' after label name a"),
    (#"x{1a="b"} 1"#, 1, "expected a label name"),
    (#"x{a="1",a="2"} 1"#, 1, "duplicate label a"),
    (#"x{__name__="y"} 1"#, 1, "reserved"),
    ("# TYPE x counter\n# TYPE x gauge\nx 1", 2, "second TYPE line for x"),
    ("# HELP x one\n# HELP x two", 2, "second HELP line for x"),
    ("x 1\n# TYPE x counter", 2, "TYPE line for x after its samples"),
    ("# TYPE x countr", 1, "unknown metric type \"countr\""),
    ("# TYPE x", 1, "unknown metric type nothing"),
    ("# TYPE x counter extra", 1, "unexpected text after the type"),
    ("# TYPE", 1, "expected a metric name after TYPE"),
    ("# HELP 9x text", 1, "expected a metric name after HELP"),
    (#"# HELP x bad \t escape"#, 1, "invalid escape \\t in HELP"),
    ("# HELP x ends with \\", 1, "unfinished escape"),
    ("x one", 1, "invalid value \"one\""),
    ("x 1.2.3", 1, "invalid value"),
    ("x 0x1F", 1, "invalid value"),
    ("x +NaN", 1, "invalid value"),
    ("x 1e", 1, "invalid value"),
    ("x 1 2.5", 1, "invalid timestamp \"2.5\""),
    ("x 1 99999999999999999999", 1, "invalid timestamp"),
    ("x 1 2 3", 1, "unexpected text after the timestamp"),
    ("x-y 1", 1, "invalid character '-' in metric name"),
    ("9x 1", 1, "expected a metric name"),
    ("{a=\"b\"} 1", 1, "expected a metric name"),
    ("x{a=\"b\"}1", 1, "expected a blank before the value"),
    ("# TYPE h histogram\nh_bucket 1", 2, "h_bucket has no le label"),
    ("# TYPE h histogram\nh_bucket{le=\"big\"} 1", 2, "le=\"big\", which is not a number"),
    ("# TYPE s summary\ns 1", 2, "s has no quantile label"),
    ("good 1\n\n\u{7F}\u{01}garbage", 3, "expected a metric name, found '\\x7F'"),
  ]

  @Test("names the line and what was wrong", arguments: cases)
  func malformed(input: String, line: Int, reason: String) {
    #expect {
      try PrometheusTextParser.parse(input)
    } throws: { error in
      guard let error = error as? ExpositionError else { return false }
      return error.line == line && error.reason.contains(reason) && error.description.hasPrefix("line \(line): ")
    }
  }

  @Test("points the column at the offending byte")
  func column() throws {
    let error = try #require(throws: ExpositionError.self) { try PrometheusTextParser.parse("ok 1\nx{a=\"b\"} one") }
    #expect(error.line == 2)
    #expect(error.column == 10)
    #expect(error.description == "line 2: invalid value \"one\" for x (column 10)")
  }

  @Test("rejects label values and HELP text that are not UTF-8")
  func invalidUTF8() {
    let label: [UInt8] = Array("x{a=\"".utf8) + [0xC3, 0x28] + Array("\"} 1\n".utf8)
    #expect(throws: ExpositionError(line: 1, column: 6, reason: "value of label a is not valid UTF-8")) {
      try PrometheusTextParser.parse(label)
    }
    let help: [UInt8] = Array("ok 1\n# HELP x ".utf8) + [0xFF, 0xFE] + [0x0A]
    #expect(throws: ExpositionError.self) { try PrometheusTextParser.parse(help) }
    let escaped: [UInt8] = Array("x{a=\"\\n".utf8) + [0xE2, 0x82] + Array("\"} 1".utf8)
    #expect(throws: ExpositionError.self) { try PrometheusTextParser.parse(escaped) }
  }

  @Test("a huge garbage line is an error, not a crash or a hang")
  func hugeLine() {
    let line = "x{" + (0..<100_000).map { "l\($0)=\"v\"," }.joined()
    #expect(throws: ExpositionError(line: 1, column: line.utf8.count + 1, reason: "unterminated label set")) {
      try PrometheusTextParser.parse(line)
    }
    let value = "x " + String(repeating: "9", count: 1_000_000)
    #expect(throws: ExpositionError.self) { try PrometheusTextParser.parse(value) }
  }

  @Test("never crashes on random bytes or on every prefix of a real exposition")
  func noCrash() {
    var generator = SeededRandom(seed: 42)
    for _ in 0..<2_000 {
      let bytes = (0..<Int(generator.next() % 200)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      _ = try? PrometheusTextParser.parse(bytes)
    }
    let exposition = Array(Expositions.genAI.utf8)
    for end in stride(from: 0, through: exposition.count, by: 7) {
      _ = try? PrometheusTextParser.parse(Array(exposition[..<end]))
    }
    let alphabet = Array(#"x{}="\, #a1.eE+-InfNaN_:"#.utf8) + [0x0A, 0x09, 0xFF]
    for _ in 0..<5_000 {
      let bytes = (0..<Int(generator.next() % 40)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
      _ = try? PrometheusTextParser.parse(bytes)
    }
  }
}
