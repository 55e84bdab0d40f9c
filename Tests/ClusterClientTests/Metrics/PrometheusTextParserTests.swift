import ClusterClient
import Testing

@Suite("PrometheusTextParser: real exporters' expositions")
struct PrometheusTextParserTests {
  @Test("reads vLLM's colon names, gauges, counters and histograms by model")
  func vllm() throws {
    let families = try PrometheusTextParser.parse(Expositions.vllm)
    #expect(families.count == 9)
    let running = try #require(families.first { $0.name == "vllm:num_requests_running" })
    #expect(running.type == .gauge)
    #expect(running.help == "Number of requests in model execution batches.")
    #expect(running.samples.first?.label("model_name") == "meta-llama/Llama-3.1-8B-Instruct")
    #expect(running.samples.first?.value == 3)
    let prompt = try #require(families.first { $0.name == "vllm:prompt_tokens_total" })
    #expect(prompt.type == .counter)
    #expect(prompt.samples.first?.value == 1_234_567)
    let ttft = try #require(families.first { $0.name == "vllm:time_to_first_token_seconds" })
    #expect(ttft.type == .histogram)
    #expect(ttft.samples.count == 11)
    let histogram = try #require(ttft.histograms.first)
    #expect(
      histogram.labels == [MetricLabel("engine", "0"), MetricLabel("model_name", "meta-llama/Llama-3.1-8B-Instruct")])
    #expect(histogram.buckets.count == 9)
    #expect(histogram.count == 100)
    #expect(histogram.sum == 4.25)
    // rank 50 lies in (0.04, 0.06] holding 40...70: 0.04 + 0.02 * 10/30.
    #expect(abs(histogram.quantile(0.5) - (0.04 + 0.02 * 10 / 30)) < 1e-12)
  }

  @Test("reads the DCGM exporter's labels, decimals and the unsupported-field sentinel")
  func dcgm() throws {
    let families = try PrometheusTextParser.parse(Expositions.dcgm)
    #expect(families.map(\.name).contains("DCGM_FI_DEV_FB_USED"))
    let power = try #require(families.first { $0.name == "DCGM_FI_DEV_POWER_USAGE" }?.samples.first)
    #expect(power.value == 412.566)
    #expect(power.label("UUID") == "GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52")
    #expect(power.label("Hostname") == "gpu-node-7")
    #expect(power.label("container") == "vllm")
    #expect(power.labels.map(\.name).first == "gpu")
    let xid = try #require(families.first { $0.name == "DCGM_FI_DEV_XID_ERRORS" }?.samples.first)
    #expect(xid.label("err_msg") == "No Error")
    let sentinel = try #require(families.first { $0.name == "DCGM_FI_PROF_GR_ENGINE_ACTIVE" }?.samples.first)
    #expect(sentinel.value == 9_223_372_036_854_775_794.0)
    #expect(sentinel.value > 9e18)
  }

  @Test("groups the GenAI token-usage histogram by token type")
  func genAI() throws {
    let families = try PrometheusTextParser.parse(Expositions.genAI)
    let usage = try #require(families.first { $0.name == "gen_ai_client_token_usage" })
    #expect(usage.type == .histogram)
    #expect(usage.help == "Number of tokens processed.")
    let byType = Dictionary(uniqueKeysWithValues: usage.histograms.map { ($0.label("gen_ai_token_type") ?? "", $0) })
    #expect(byType.keys.sorted() == ["input", "output"])
    #expect(byType["input"]?.sum == 6520)
    #expect(byType["output"]?.count == 50)
    #expect(byType["input"]?.label("gen_ai_request_model") == "gpt-4o-mini")
    #expect(families.first { $0.name == "aigw_requests_total" }?.samples(matching: ["code": "429"]).first?.value == 2)
    let cache = try #require(families.first { $0.name == "aigw_cache_hits_total" })
    #expect(cache.type == .counter && cache.help == nil)
    #expect(families.contains { $0.name == "gen_ai_server_time_per_output_token" && $0.histograms.count == 1 })
  }

  @Test("resolves label escapes and HELP escapes")
  func escapes() throws {
    let text = #"""
      # HELP msg A \\ backslash and a\nnewline; "quotes" stay.
      msg{path="C:\\temp",quote="say \"hi\"",lines="a\nb",empty=""} 1
      """#
    let family = try #require(try PrometheusTextParser.parse(text).first)
    #expect(family.help == "A \\ backslash and a\nnewline; \"quotes\" stay.")
    let sample = try #require(family.samples.first)
    #expect(sample.label("path") == #"C:\temp"#)
    #expect(sample.label("quote") == #"say "hi""#)
    #expect(sample.label("lines") == "a\nb")
    #expect(sample.label("empty") == "")
  }

  @Test(
    "reads Go float syntax",
    arguments: [
      ("NaN", Double.nan), ("nan", .nan), ("+Inf", .infinity), ("-Inf", -.infinity), ("Inf", .infinity),
      ("-infinity", -.infinity), ("1e3", 1000), ("1.5E-3", 0.0015), ("-0", -0.0), (".5", 0.5), ("5.", 5),
      ("+7", 7), ("0.1", 0.1), ("123456789012345678901234567890", 1.2345678901234568e29),
      ("3.141592653589793238", Double.pi), ("1.7976931348623157e308", .greatestFiniteMagnitude),
      ("4.9e-324", .leastNonzeroMagnitude), ("0.000001", 1e-6),
    ])
  func floats(text: String, expected: Double) throws {
    let value = try #require(try PrometheusTextParser.parse("x \(text)\n").first?.samples.first?.value)
    if expected.isNaN {
      #expect(value.isNaN)
    } else {
      #expect(value == expected && value.sign == expected.sign, "\(text) read as \(value)")
    }
  }

  @Test("reads timestamps, blanks, tabs, CRLF, trailing commas, empty label sets and comments")
  func layout() throws {
    let text =
      "# a free comment\r\n\n  spaced{a=\"1\",} 2 1712345678901\r\n\ttabbed\t{ b = \"2\" }\t3\t-5\nbare{} 4\n#\n"
    let samples = try PrometheusTextParser.parse(text).flatMap(\.samples)
    #expect(
      samples == [
        MetricSample(
          name: "spaced", labels: [MetricLabel("a", "1")], value: 2, timestampMilliseconds: 1_712_345_678_901),
        MetricSample(name: "tabbed", labels: [MetricLabel("b", "2")], value: 3, timestampMilliseconds: -5),
        MetricSample(name: "bare", value: 4),
      ])
  }

  @Test("collects summary quantiles, sum and count under the family")
  func summary() throws {
    let text = """
      # TYPE rpc_duration_seconds summary
      rpc_duration_seconds{quantile="0.5"} 0.05
      rpc_duration_seconds{quantile="0.99"} 0.2
      rpc_duration_seconds_sum 17.5
      rpc_duration_seconds_count 250
      """
    let families = try PrometheusTextParser.parse(text)
    #expect(families.count == 1)
    #expect(families[0].type == .summary)
    #expect(
      families[0].samples.map(\.name) == [
        "rpc_duration_seconds", "rpc_duration_seconds", "rpc_duration_seconds_sum", "rpc_duration_seconds_count",
      ])
  }

  @Test("keeps undeclared series as untyped families, and _sum of a gauge as its own family")
  func untyped() throws {
    let text = """
      # TYPE load gauge
      load 1
      load_sum 2
      other_total 3
      """
    let families = try PrometheusTextParser.parse(text)
    #expect(families.map(\.name) == ["load", "load_sum", "other_total"])
    #expect(families.map(\.type) == [.gauge, .untyped, .untyped])
  }

  @Test("reads an empty exposition and one of only comments as no families")
  func empty() throws {
    #expect(try PrometheusTextParser.parse("").isEmpty)
    #expect(try PrometheusTextParser.parse([]).isEmpty)
    #expect(try PrometheusTextParser.parse("\n\n# nothing here\n").isEmpty)
  }

  @Test("reads a label value of a megabyte and UTF-8 label values")
  func large() throws {
    let big = String(repeating: "x", count: 1 << 20)
    let families = try PrometheusTextParser.parse("m{v=\"\(big)\",u=\"größe ✓ 模型\"} 1\n")
    #expect(families.first?.samples.first?.label("v")?.count == 1 << 20)
    #expect(families.first?.samples.first?.label("u") == "größe ✓ 模型")
  }
}
