import ClusterClient
import Testing

@Suite struct MetricsParserTests {
  @Test func vllmNamesWithColonsAndHistograms() throws {
    let exposition = try PrometheusTextParser.parse(Expositions.vllm)
    #expect(exposition.families.count == 8)
    let running = try #require(exposition.family("vllm:num_requests_running"))
    #expect(running.type == .gauge)
    #expect(running.samples.first?[label: "model_name"] == "meta-llama/Llama-3.1-8B-Instruct")
    #expect(exposition.family("vllm:prompt_tokens_total")?.samples.first?.value == 1_234_567)
    let ttft = try #require(exposition.family("vllm:time_to_first_token_seconds"))
    #expect(ttft.type == .histogram)
    #expect(ttft.samples.count == 7)
    let buckets = HistogramQuantile.buckets(of: ttft)
    #expect(buckets.count == 5)
    // rank 95 falls in (0.04, 0.1] holding 16 observations after 80: 0.04 + 0.06 * 15/16.
    #expect(abs(HistogramQuantile.quantile(0.95, buckets) - 0.09625) < 1e-9)
  }

  @Test func dcgmLabelsAndTheUnsupportedSentinel() throws {
    let exposition = try PrometheusTextParser.parse(Expositions.dcgm)
    let utilisation = try #require(exposition.family("DCGM_FI_DEV_GPU_UTIL"))
    #expect(utilisation.samples.map(\.value) == [87, 0])
    #expect(utilisation.samples[0][label: "Hostname"] == "gpu-node-1")
    #expect(utilisation.samples[0][label: "pci_bus_id"] == "00000000:3B:00.0")
    #expect(utilisation.samples[1][label: "pod"] == "")
    let xid = try #require(exposition.samples(named: "DCGM_FI_DEV_XID_ERRORS").first)
    #expect(xid.value > 9e18)
    #expect(exposition.family("DCGM_FI_DEV_POWER_USAGE")?.samples.first?.value == 612.337)
  }

  @Test func genaiGatewaySummariesEscapesAndSpecialValues() throws {
    let exposition = try PrometheusTextParser.parse(Expositions.genai)
    let usage = try #require(exposition.family("gen_ai_client_token_usage"))
    #expect(usage.type == .histogram)
    #expect(usage.samples.count == 12)
    let output = HistogramQuantile.buckets(of: usage, matching: ["gen_ai_token_type": "output"])
    #expect(output.map(\.count) == [0, 5, 100, 100])
    let requests = exposition.samples(named: "aiconsole_gateway_requests_total")
    #expect(requests.map(\.timestamp) == [1_732_500_000_000, 1_732_500_000_000])
    let summary = try #require(exposition.family("rpc_duration_seconds"))
    #expect(summary.type == .summary)
    #expect(summary.help == "A summary with quantiles, escapes: a \\ backslash and a \n newline.")
    #expect(summary.samples.count == 4)
    #expect(summary.samples[1].value.isNaN)
    let odd = try #require(exposition.samples(named: "odd_untyped").first)
    #expect(odd[label: "path"] == "C:\\dir")
    #expect(odd[label: "quote"] == "say \"hi\"")
    #expect(odd[label: "multi"] == "a\nb")
    #expect(odd.value == .infinity)
    #expect(exposition.family("odd_untyped")?.type == .untyped)
    #expect(exposition.samples(named: "negative_infinity").first?.value == -.infinity)
  }

  @Test func crlfEmptyAndCommentOnlyInput() throws {
    #expect(try PrometheusTextParser.parse("").families.isEmpty)
    #expect(try PrometheusTextParser.parse("# just a comment\n\n   \n").families.isEmpty)
    let crlf = try PrometheusTextParser.parse("# TYPE up gauge\r\nup 1\r\n")
    #expect(crlf.family("up")?.samples.first?.value == 1)
  }

  @Test(arguments: [
    ("up\n", 1, "up has no value"),
    ("up{job=\"a\" 1\n", 1, "expected , or } after label job of up"),
    ("up{job=\"a\n", 1, "unterminated label value"),
    ("up{job=a} 1\n", 1, "the value of label job of up must be quoted"),
    ("up{job=\"\\x\"} 1\n", 1, "invalid escape \\x"),
    ("up{0job=\"a\"} 1\n", 1, "invalid label name in up at \"0job=\"a\"} 1\""),
    ("up{a=\"1\",a=\"2\"} 1\n", 1, "label a appears twice in up"),
    ("ok 1\nup one\n", 2, "\"one\" is not a valid value for up"),
    ("up 1 soon\n", 1, "\"soon\" is not a valid timestamp for up"),
    ("up 1 2 3\n", 1, "unexpected text after the value of up"),
    ("# TYPE up gauge\n# TYPE up counter\n", 2, "second TYPE line for up"),
    ("# HELP up a\n# HELP up b\n", 2, "second HELP line for up"),
    ("up 1\n# TYPE up gauge\n", 2, "TYPE line for up after its samples"),
    ("# TYPE up meter\n", 1, "unknown metric type \"meter\" for up"),
    ("# TYPE h histogram\nh_bucket{x=\"1\"} 2\n", 2, "histogram bucket h_bucket needs a numeric le label"),
    ("# TYPE s summary\ns 2\n", 2, "summary s needs a numeric quantile label"),
    ("9up 1\n", 1, "invalid metric name starting at \"9up 1\""),
    ("{} 1\n", 1, "invalid metric name starting at \"{} 1\""),
  ])
  func malformedLinesNameTheLineAndTheFault(input: String, line: Int, reason: String) {
    #expect(throws: ExpositionError(line: line, reason: reason)) { try PrometheusTextParser.parse(input) }
  }

  @Test func garbageNeverCrashes() throws {
    #expect(throws: ExpositionError.self) {
      try PrometheusTextParser.parse([0x75, 0x70, 0x7B, 0x61, 0x3D, 0x22, 0xFF, 0xFE, 0x22, 0x7D, 0x20, 0x31])
    }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<300 {
      let length = Int.random(in: 0..<200, using: &generator)
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      _ = try? PrometheusTextParser.parse(bytes)
    }
    let huge = "big{l=\"" + String(repeating: "x", count: 2 << 20) + "\"} 1\n"
    #expect(try PrometheusTextParser.parse(huge).sampleCount == 1)
  }
}

@Suite struct MetricMathTests {
  typealias Bucket = HistogramQuantile.Bucket

  @Test func quantileFollowsPromQL() {
    let buckets = [
      Bucket(upperBound: 0.1, count: 10), Bucket(upperBound: 0.5, count: 60), Bucket(upperBound: 1, count: 90),
      Bucket(upperBound: .infinity, count: 100),
    ]
    #expect(abs(HistogramQuantile.quantile(0.5, buckets) - 0.42) < 1e-12)  // 0.1 + 0.4 * 40/50
    #expect(HistogramQuantile.quantile(0.99, buckets) == 1)  // in the +Inf bucket: the highest finite bound
    #expect(abs(HistogramQuantile.quantile(0.05, buckets) - 0.05) < 1e-12)  // first bucket starts at 0
    #expect(HistogramQuantile.quantile(-0.1, buckets) == -.infinity)
    #expect(HistogramQuantile.quantile(1.1, buckets) == .infinity)
    #expect(HistogramQuantile.quantile(.nan, buckets).isNaN)
    #expect(HistogramQuantile.quantile(0.5, Array(buckets.dropLast())).isNaN)  // no +Inf bucket
    #expect(HistogramQuantile.quantile(0.5, [Bucket(upperBound: .infinity, count: 3)]).isNaN)
    #expect(HistogramQuantile.quantile(0.5, buckets.map { Bucket(upperBound: $0.upperBound, count: 0) }).isNaN)
    let negative = [Bucket(upperBound: -1, count: 5), Bucket(upperBound: .infinity, count: 10)]
    #expect(HistogramQuantile.quantile(0.1, negative) == -1)
    // A dip (scraped mid-update) is carried forward, as PromQL does.
    let dipped = [
      Bucket(upperBound: 1, count: 50), Bucket(upperBound: 2, count: 40), Bucket(upperBound: .infinity, count: 100),
    ]
    #expect(abs(HistogramQuantile.quantile(0.5, dipped) - 1) < 1e-12)
    // Unsorted input and duplicate bounds from several series are merged.
    let split = [
      Bucket(upperBound: .infinity, count: 50), Bucket(upperBound: 1, count: 25), Bucket(upperBound: 1, count: 25),
      Bucket(upperBound: .infinity, count: 50),
    ]
    #expect(HistogramQuantile.quantile(0.5, split) == 1)
  }

  @Test func ratesHandleCounterResets() {
    var rates = CounterRate()
    #expect(rates.update("a", value: 100, at: 0) == nil)
    #expect(rates.update("a", value: 160, at: 10) == 6)
    #expect(rates.update("a", value: 20, at: 20) == 2)  // restarted: 20 since the reset
    #expect(rates.update("a", value: 20, at: 20) == nil)
    #expect(CounterRate.increase([10, 15, 3, 8]) == 5 + 3 + 5)
    rates.forget(olderThan: 30)
    #expect(rates.update("a", value: 50, at: 40) == nil)
  }
}
