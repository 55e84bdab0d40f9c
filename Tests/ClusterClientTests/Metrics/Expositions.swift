/// Exposition text as the real exporters write it, with their documented metric names and labels.
enum Expositions {
  /// vLLM's OpenAI server `/metrics` (prometheus_client), names with colons and `model_name`.
  static let vllm = """
    # HELP vllm:num_requests_running Number of requests currently running on GPU.
    # TYPE vllm:num_requests_running gauge
    vllm:num_requests_running{model_name="meta-llama/Llama-3.1-8B-Instruct"} 3.0
    # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
    # TYPE vllm:num_requests_waiting gauge
    vllm:num_requests_waiting{model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.0
    # HELP vllm:gpu_cache_usage_perc GPU KV-cache usage. 1 means 100 percent usage.
    # TYPE vllm:gpu_cache_usage_perc gauge
    vllm:gpu_cache_usage_perc{model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.4217
    # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
    # TYPE vllm:kv_cache_usage_perc gauge
    vllm:kv_cache_usage_perc{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.4217
    # HELP vllm:prompt_tokens_total Number of prefill tokens processed.
    # TYPE vllm:prompt_tokens_total counter
    vllm:prompt_tokens_total{model_name="meta-llama/Llama-3.1-8B-Instruct"} 1.234567e+06
    # HELP vllm:generation_tokens_total Number of generation tokens processed.
    # TYPE vllm:generation_tokens_total counter
    vllm:generation_tokens_total{model_name="meta-llama/Llama-3.1-8B-Instruct"} 456789.0
    # HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.
    # TYPE vllm:time_to_first_token_seconds histogram
    vllm:time_to_first_token_seconds_bucket{le="0.001",model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.0
    vllm:time_to_first_token_seconds_bucket{le="0.02",model_name="meta-llama/Llama-3.1-8B-Instruct"} 12.0
    vllm:time_to_first_token_seconds_bucket{le="0.04",model_name="meta-llama/Llama-3.1-8B-Instruct"} 80.0
    vllm:time_to_first_token_seconds_bucket{le="0.1",model_name="meta-llama/Llama-3.1-8B-Instruct"} 96.0
    vllm:time_to_first_token_seconds_bucket{le="+Inf",model_name="meta-llama/Llama-3.1-8B-Instruct"} 100.0
    vllm:time_to_first_token_seconds_count{model_name="meta-llama/Llama-3.1-8B-Instruct"} 100.0
    vllm:time_to_first_token_seconds_sum{model_name="meta-llama/Llama-3.1-8B-Instruct"} 3.1415
    # HELP vllm:e2e_request_latency_seconds Histogram of end to end request latency in seconds.
    # TYPE vllm:e2e_request_latency_seconds histogram
    vllm:e2e_request_latency_seconds_bucket{le="1.0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 40.0
    vllm:e2e_request_latency_seconds_bucket{le="2.5",model_name="meta-llama/Llama-3.1-8B-Instruct"} 90.0
    vllm:e2e_request_latency_seconds_bucket{le="+Inf",model_name="meta-llama/Llama-3.1-8B-Instruct"} 100.0
    vllm:e2e_request_latency_seconds_count{model_name="meta-llama/Llama-3.1-8B-Instruct"} 100.0
    vllm:e2e_request_latency_seconds_sum{model_name="meta-llama/Llama-3.1-8B-Instruct"} 131.0

    """

  /// NVIDIA DCGM exporter: upper-case field names, its labels, a sentinel for an unsupported field.
  static let dcgm = """
    # HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).
    # TYPE DCGM_FI_DEV_GPU_UTIL gauge
    DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-5a4f2e1c-0000-1111-2222-333344445555",pci_bus_id="00000000:3B:00.0",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-node-1",DCGM_FI_DRIVER_VERSION="550.54.15",container="vllm",namespace="ai",pod="llama-0"} 87
    DCGM_FI_DEV_GPU_UTIL{gpu="1",UUID="GPU-7b8c9d0e-0000-1111-2222-333344445555",pci_bus_id="00000000:86:00.0",device="nvidia1",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-node-1",DCGM_FI_DRIVER_VERSION="550.54.15",container="",namespace="",pod=""} 0
    # HELP DCGM_FI_DEV_FB_USED Framebuffer memory used (in MiB).
    # TYPE DCGM_FI_DEV_FB_USED gauge
    DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-5a4f2e1c-0000-1111-2222-333344445555",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-node-1"} 71234
    # HELP DCGM_FI_DEV_FB_FREE Framebuffer memory free (in MiB).
    # TYPE DCGM_FI_DEV_FB_FREE gauge
    DCGM_FI_DEV_FB_FREE{gpu="0",UUID="GPU-5a4f2e1c-0000-1111-2222-333344445555",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-node-1"} 10245
    # HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).
    # TYPE DCGM_FI_DEV_POWER_USAGE gauge
    DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-5a4f2e1c-0000-1111-2222-333344445555",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-node-1"} 612.337
    # HELP DCGM_FI_DEV_GPU_TEMP GPU temperature (in C).
    # TYPE DCGM_FI_DEV_GPU_TEMP gauge
    DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-5a4f2e1c-0000-1111-2222-333344445555",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-node-1"} 71
    # HELP DCGM_FI_DEV_XID_ERRORS Value of the last XID error encountered.
    # TYPE DCGM_FI_DEV_XID_ERRORS gauge
    DCGM_FI_DEV_XID_ERRORS{gpu="0",UUID="GPU-5a4f2e1c-0000-1111-2222-333344445555",device="nvidia0",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-node-1"} 9223372036854775794

    """

  /// An OpenTelemetry GenAI gateway (Envoy AI Gateway style) exported to Prometheus.
  static let genai = """
    # HELP gen_ai_client_token_usage Measures number of input and output tokens used
    # TYPE gen_ai_client_token_usage histogram
    gen_ai_client_token_usage_bucket{gen_ai_operation_name="chat",gen_ai_request_model="llama-3-8b",gen_ai_token_type="input",le="1"} 0
    gen_ai_client_token_usage_bucket{gen_ai_operation_name="chat",gen_ai_request_model="llama-3-8b",gen_ai_token_type="input",le="16"} 20
    gen_ai_client_token_usage_bucket{gen_ai_operation_name="chat",gen_ai_request_model="llama-3-8b",gen_ai_token_type="input",le="256"} 90
    gen_ai_client_token_usage_bucket{gen_ai_operation_name="chat",gen_ai_request_model="llama-3-8b",gen_ai_token_type="input",le="+Inf"} 100
    gen_ai_client_token_usage_sum{gen_ai_operation_name="chat",gen_ai_request_model="llama-3-8b",gen_ai_token_type="input"} 9120
    gen_ai_client_token_usage_count{gen_ai_operation_name="chat",gen_ai_request_model="llama-3-8b",gen_ai_token_type="input"} 100
    gen_ai_client_token_usage_bucket{gen_ai_operation_name="chat",gen_ai_request_model="llama-3-8b",gen_ai_token_type="output",le="1"} 0
    gen_ai_client_token_usage_bucket{gen_ai_operation_name="chat",gen_ai_request_model="llama-3-8b",gen_ai_token_type="output",le="16"} 5
    gen_ai_client_token_usage_bucket{gen_ai_operation_name="chat",gen_ai_request_model="llama-3-8b",gen_ai_token_type="output",le="256"} 100
    gen_ai_client_token_usage_bucket{gen_ai_operation_name="chat",gen_ai_request_model="llama-3-8b",gen_ai_token_type="output",le="+Inf"} 100
    gen_ai_client_token_usage_sum{gen_ai_operation_name="chat",gen_ai_request_model="llama-3-8b",gen_ai_token_type="output"} 12800
    gen_ai_client_token_usage_count{gen_ai_operation_name="chat",gen_ai_request_model="llama-3-8b",gen_ai_token_type="output"} 100
    # HELP gen_ai_server_request_duration Generative AI server request duration such as time-to-last byte or last output token
    # TYPE gen_ai_server_request_duration histogram
    gen_ai_server_request_duration_bucket{gen_ai_request_model="llama-3-8b",le="0.5"} 10
    gen_ai_server_request_duration_bucket{gen_ai_request_model="llama-3-8b",le="1"} 60
    gen_ai_server_request_duration_bucket{gen_ai_request_model="llama-3-8b",le="2"} 95
    gen_ai_server_request_duration_bucket{gen_ai_request_model="llama-3-8b",le="+Inf"} 100
    gen_ai_server_request_duration_sum{gen_ai_request_model="llama-3-8b"} 98.5
    gen_ai_server_request_duration_count{gen_ai_request_model="llama-3-8b"} 100
    # HELP aiconsole_gateway_requests_total Requests by route and status.
    # TYPE aiconsole_gateway_requests_total counter
    aiconsole_gateway_requests_total{route="chat",status="200"} 97 1732500000000
    aiconsole_gateway_requests_total{route="chat",status="429"} 3 1732500000000
    # A plain comment line.
    # HELP rpc_duration_seconds A summary with quantiles, escapes: a \\\\ backslash and a \\n newline.
    # TYPE rpc_duration_seconds summary
    rpc_duration_seconds{quantile="0.5"} 0.05
    rpc_duration_seconds{quantile="0.99"} NaN
    rpc_duration_seconds_sum 17.5
    rpc_duration_seconds_count 350
    odd_untyped{path="C:\\\\dir",quote="say \\"hi\\"",multi="a\\nb",} +Inf
    negative_infinity -Inf

    """
}
