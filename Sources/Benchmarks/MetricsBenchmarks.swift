import ClusterClient
import Foundation

/// Parsing a large exposition, as a fleet's exporters together would serve it.
enum MetricsBenchmarks {
  static let area = "Metrics"

  /// A realistic mix for `nodes` GPU nodes of 8 GPUs each, one model per node: DCGM gauges with
  /// the exporter's labels, vLLM counters and latency histograms, gateway token histograms; 54
  /// samples a node.
  static func exposition(nodes: Int) -> [UInt8] {
    var text = ""
    for field in ["DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED"] {
      text += "# HELP \(field) DCGM field.\n# TYPE \(field) gauge\n"
      for node in 0..<nodes {
        for gpu in 0..<8 {
          text +=
            "\(field){gpu=\"\(gpu)\",UUID=\"GPU-\(node)-\(gpu)-5a4f2e1c\",pci_bus_id=\"00000000:3B:00.\(gpu)\",device=\"nvidia\(gpu)\",modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"gpu-node-\(node)\",namespace=\"ai\",pod=\"llama-\(node)-\(gpu)\"} \((node + gpu) * 7 % 100)\n"
        }
      }
    }
    text += "# TYPE vllm:generation_tokens_total counter\n"
    for node in 0..<nodes { text += "vllm:generation_tokens_total{model_name=\"model-\(node)\"} \(node * 12345).0\n" }
    text += "# TYPE vllm:e2e_request_latency_seconds histogram\n"
    for node in 0..<nodes {
      for bound in ["0.3", "0.5", "0.8", "1.0", "1.5", "2.0", "2.5", "5.0", "10.0", "15.0", "20.0", "30.0", "+Inf"] {
        text += "vllm:e2e_request_latency_seconds_bucket{le=\"\(bound)\",model_name=\"model-\(node)\"} \(node + 7)\n"
      }
      text += "vllm:e2e_request_latency_seconds_sum{model_name=\"model-\(node)\"} 1234.5\n"
      text += "vllm:e2e_request_latency_seconds_count{model_name=\"model-\(node)\"} \(node + 7)\n"
    }
    text += "# TYPE gen_ai_client_token_usage histogram\n"
    for node in 0..<nodes {
      for type in ["input", "output"] {
        let labels =
          "gen_ai_operation_name=\"chat\",gen_ai_request_model=\"model-\(node)\",gen_ai_token_type=\"\(type)\""
        for bound in ["1", "4", "16", "64", "256", "1024", "4096", "16384", "+Inf"] {
          text += "gen_ai_client_token_usage_bucket{\(labels),le=\"\(bound)\"} \(node * 3)\n"
        }
        text += "gen_ai_client_token_usage_sum{\(labels)} \(node * 40)\n"
        text += "gen_ai_client_token_usage_count{\(labels)} \(node * 3)\n"
      }
    }
    return Array(text.utf8)
  }

  static func run(into report: inout BenchmarkReport) throws {
    let bytes = exposition(nodes: 926)
    let parsed = try PrometheusTextParser.parse(bytes)
    progress("parsing a \(parsed.sampleCount)-sample exposition (\(bytes.count / 1024) KiB)…")
    var times: [Double] = []
    for run in 0..<12 {
      let start = ContinuousClock.now
      let exposition = try PrometheusTextParser.parse(bytes)
      let elapsed = (ContinuousClock.now - start).seconds * 1000
      precondition(exposition.sampleCount == parsed.sampleCount)
      if run > 1 { times.append(elapsed) }
    }
    let sample = Sample(values: times)
    report.add(
      .init(
        area: area,
        name:
          "parse a \(parsed.sampleCount.formatted())-sample exposition (\(bytes.count / 1024) KiB: DCGM, vLLM, GenAI)",
        median: String(format: "%.1f ms", sample.median), p99: String(format: "%.1f ms", sample.p99),
        target: "< 100 ms", met: sample.median < 100))
  }
}
