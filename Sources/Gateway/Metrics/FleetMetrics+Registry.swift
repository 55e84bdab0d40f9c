import Prometheus

extension FleetMetrics {
  func gauge(_ name: String, _ labels: [(String, String)]) -> Gauge {
    registry.makeGauge(descriptor: Self.descriptor(name), labels: labels)
  }

  func counter(_ name: String, _ labels: [(String, String)]) -> Counter {
    registry.makeCounter(descriptor: Self.descriptor(name), labels: labels)
  }

  func histogram(_ name: String, _ buckets: [Double], _ labels: [(String, String)]) -> ValueHistogram {
    registry.makeValueHistogram(descriptor: Self.descriptor(name), labels: labels, buckets: buckets)
  }

  /// The whole name as one part keeps the exporters' names; the help texts are theirs.
  static func descriptor(_ name: String) -> MetricNameDescriptor {
    MetricNameDescriptor(metricName: name, unitName: "", helpText: help[name] ?? "")
  }

  static let help: [String: String] = [
    "vllm:num_requests_running": "Number of requests in model execution batches.",
    "vllm:num_requests_waiting": "Number of requests waiting to be processed.",
    "vllm:kv_cache_usage_perc": "KV-cache usage. 1 means 100 percent usage.",
    "vllm:gpu_cache_usage_perc": "GPU KV-cache usage. 1 means 100 percent usage (deprecated).",
    "vllm:prompt_tokens_total": "Number of prefill tokens processed.",
    "vllm:generation_tokens_total": "Number of generation tokens processed.",
    "vllm:time_to_first_token_seconds": "Histogram of time to first token in seconds.",
    "vllm:e2e_request_latency_seconds": "Histogram of e2e request latency in seconds.",
    "DCGM_FI_DEV_GPU_UTIL": "GPU utilization (in %).",
    "DCGM_FI_DEV_FB_USED": "Framebuffer memory used (in MiB).",
    "DCGM_FI_DEV_FB_FREE": "Framebuffer memory free (in MiB).",
    "DCGM_FI_DEV_POWER_USAGE": "Power draw (in W).",
    "DCGM_FI_DEV_GPU_TEMP": "GPU temperature (in C).",
    "DCGM_FI_DEV_XID_ERRORS": "Value of the last XID error encountered.",
  ]
}
