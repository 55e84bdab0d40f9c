import ClusterClient
import Foundation

/// The metrics reader's figure: parsing a scrape of about 50,000 samples that mixes DCGM GPU
/// gauges, vLLM gauges, counters and histograms, and GenAI gateway histograms, as a console
/// watching a few hundred GPUs would read every few seconds.
enum MetricsBenchmarks {
  static let area = "Metrics (Prometheus text format)"

  static func run(into report: inout BenchmarkReport) async throws {
    let exposition = Array(self.exposition(targetSamples: 50_000).utf8)
    let samples = (try? PrometheusTextParser.parse(exposition))?.reduce(0) { $0 + $1.samples.count } ?? 0
    let times = parseTimes(exposition, count: 50)
    let promtool = try await PromtoolCheck.measure(exposition)
    var row = BenchmarkReport.Row(
      area: area,
      name: "parse a \(samples)-sample exposition (\(exposition.count / 1024) KiB; DCGM, vLLM, GenAI histograms)",
      median: String(format: "%.2f ms", times.median), p99: String(format: "%.2f ms", times.p99),
      target: "< 100 ms", met: samples >= 50_000 && times.median < 100)
    if let promtool {
      row.peer = String(format: "promtool check metrics %.0f ms", promtool.median)
      row.ratio = BenchmarkReport.ratio(times.median, promtool.median)
    } else {
      row.peer =
        PeerTool.promtool.isInstalled ? "promtool failed (see the run's output)" : PeerTool.promtool.missingText
    }
    report.add(row)
    if let startup = try await PromtoolCheck.startup() {
      report.note(
        "The peer is Prometheus's own \(await PeerTool.promtool.version()) reading the same text from standard "
          + "input (`promtool check metrics`, a real process: start-up, parse and its lint checks), median of "
          + "\(PromtoolCheck.runs) runs after a warm-up; aiconsole's figure is the parse alone, in process. "
          + String(format: "promtool takes %.1f ms on an empty input, for its start-up.", startup),
        area: area)
    }
  }

  static func parseTimes(_ exposition: [UInt8], count: Int) -> Sample {
    let clock = ContinuousClock()
    var values: [Double] = []
    for index in 0..<(count + 5) {
      let start = clock.now
      let families = try? PrometheusTextParser.parse(exposition)
      let elapsed = clock.now - start
      precondition(families != nil, "the benchmark exposition must parse")
      if index >= 5 { values.append(elapsed.seconds * 1000) }
    }
    return Sample(values: values)
  }

  /// Whole units of one model instance on eight GPUs until at least `targetSamples` samples,
  /// family by family as an exporter writes them.
  static func exposition(targetSamples: Int) -> String {
    let units = (targetSamples + samplesPerUnit - 1) / samplesPerUnit
    var text = ""
    text.reserveCapacity(units * 40_000)
    for field in dcgmFields {
      text += "# HELP \(field) \(field) as the DCGM exporter reports it.\n# TYPE \(field) gauge\n"
      for gpu in 0..<(units * 8) {
        let labels =
          #"gpu="\#(gpu % 8)",UUID="GPU-\#(gpu)-5d1c-4a9e-8f2b",pci_bus_id="00000000:\#(gpu % 8)1:00.0","#
          + #"device="nvidia\#(gpu % 8)",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-node-\#(gpu / 8)","#
          + #"DCGM_FI_DRIVER_VERSION="550.54.15",container="vllm",namespace="llm",pod="vllm-\#(gpu / 8)-0""#
        text +=
          "\(field){\(labels)} \(field == "DCGM_FI_PROF_PIPE_FP64_ACTIVE" ? "9223372036854775794" : "\(gpu % 97)")\n"
      }
    }
    for gauge in vllmScalars {
      text += "# HELP \(gauge.name) vLLM \(gauge.name).\n# TYPE \(gauge.name) \(gauge.type)\n"
      for unit in 0..<units {
        text += "\(gauge.name){engine=\"0\",model_name=\"\(model(unit))\"} \(Double(unit) * 1.5)\n"
      }
    }
    for histogram in vllmHistograms {
      appendHistogram(&text, name: histogram, bounds: latencyBounds, units: units) {
        #"engine="0",model_name="\#(model($0))""#
      }
    }
    appendGenAI(&text, units: units)
    return text
  }

  static func appendGenAI(_ text: inout String, units: Int) {
    let tokenTypes = ["input", "output", "cached_input", "reasoning"]
    text += "# HELP gen_ai_client_token_usage Number of tokens processed.\n# TYPE gen_ai_client_token_usage histogram\n"
    for unit in 0..<units {
      for type in tokenTypes {
        let labels =
          #"gen_ai_operation_name="chat",gen_ai_provider_name="vllm",gen_ai_request_model="\#(model(unit))","#
          + #"gen_ai_token_type="\#(type)""#
        appendBuckets(&text, name: "gen_ai_client_token_usage", bounds: tokenBounds, labels: labels, seed: unit)
      }
    }
    for name in ["gen_ai_server_request_duration", "gen_ai_server_time_to_first_token"] {
      appendHistogram(&text, name: name, bounds: latencyBounds, units: units) {
        #"gen_ai_operation_name="chat",gen_ai_request_model="\#(model($0))""#
      }
    }
    text += "# HELP aigw_requests_total Requests by route and code.\n# TYPE aigw_requests_total counter\n"
    for unit in 0..<units {
      for code in ["200", "429", "500"] {
        text += "aigw_requests_total{route=\"r\(unit)\",code=\"\(code)\"} \(unit * 7)\n"
      }
    }
  }

  static func appendHistogram(
    _ text: inout String, name: String, bounds: [String], units: Int, labels: (Int) -> String
  ) {
    text += "# HELP \(name) \(name) histogram.\n# TYPE \(name) histogram\n"
    for unit in 0..<units { appendBuckets(&text, name: name, bounds: bounds, labels: labels(unit), seed: unit) }
  }

  static func appendBuckets(_ text: inout String, name: String, bounds: [String], labels: String, seed: Int) {
    var count = 0
    for bound in bounds {
      count += seed % 5 + 1
      text += "\(name)_bucket{\(labels),le=\"\(bound)\"} \(count)\n"
    }
    text += "\(name)_sum{\(labels)} \(Double(count) * 0.37)\n\(name)_count{\(labels)} \(count)\n"
  }

  static func model(_ unit: Int) -> String { "org-\(unit % 13)/model-\(unit)-8B-Instruct" }

  static let dcgmFields = [
    "DCGM_FI_DEV_SM_CLOCK", "DCGM_FI_DEV_MEM_CLOCK", "DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DEV_POWER_USAGE",
    "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_MEM_COPY_UTIL", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_FB_USED",
    "DCGM_FI_DEV_XID_ERRORS", "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE",
    "DCGM_FI_PROF_PIPE_FP64_ACTIVE",
  ]
  static let vllmScalars: [(name: String, type: String)] = [
    ("vllm:num_requests_running", "gauge"), ("vllm:num_requests_waiting", "gauge"),
    ("vllm:kv_cache_usage_perc", "gauge"), ("vllm:gpu_cache_usage_perc", "gauge"),
    ("vllm:prompt_tokens_total", "counter"), ("vllm:generation_tokens_total", "counter"),
  ]
  static let vllmHistograms = ["vllm:time_to_first_token_seconds", "vllm:e2e_request_latency_seconds"]
  static let latencyBounds = [
    "0.001", "0.005", "0.01", "0.02", "0.04", "0.06", "0.08", "0.1", "0.25", "0.5", "0.75", "1.0", "2.5", "5.0",
    "7.5", "10.0", "+Inf",
  ]
  static let tokenBounds = [
    "1", "4", "16", "64", "256", "1024", "4096", "16384", "65536", "262144", "1048576", "4194304", "+Inf",
  ]
  /// 12 DCGM gauges × 8 GPUs, 6 vLLM scalars, 4 latency histograms of 17 buckets, 4 token-type
  /// histograms of 13 buckets and 3 request counters, per unit.
  static let samplesPerUnit = 12 * 8 + 6 + 4 * (17 + 2) + 4 * (13 + 2) + 3
}
