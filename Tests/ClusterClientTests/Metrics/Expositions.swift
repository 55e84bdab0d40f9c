/// Expositions as the real exporters write them, from their documented metric names and labels.
enum Expositions {
  /// vLLM's `/metrics` (prometheus_client output: `_created` gauges, floats as `3.0`).
  static let vllm = """
    # HELP vllm:num_requests_running Number of requests in model execution batches.
    # TYPE vllm:num_requests_running gauge
    vllm:num_requests_running{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 3.0
    # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
    # TYPE vllm:num_requests_waiting gauge
    vllm:num_requests_waiting{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 1.0
    # HELP vllm:gpu_cache_usage_perc GPU KV-cache usage. 1 means 100 percent usage.
    # TYPE vllm:gpu_cache_usage_perc gauge
    vllm:gpu_cache_usage_perc{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.4231
    # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
    # TYPE vllm:kv_cache_usage_perc gauge
    vllm:kv_cache_usage_perc{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.4231
    # HELP vllm:prompt_tokens_total Number of prefill tokens processed.
    # TYPE vllm:prompt_tokens_total counter
    vllm:prompt_tokens_total{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 1.234567e+06
    # HELP vllm:prompt_tokens_created Number of prefill tokens processed.
    # TYPE vllm:prompt_tokens_created gauge
    vllm:prompt_tokens_created{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 1.7171717e+09
    # HELP vllm:generation_tokens_total Number of generation tokens processed.
    # TYPE vllm:generation_tokens_total counter
    vllm:generation_tokens_total{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 456789.0
    # HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.
    # TYPE vllm:time_to_first_token_seconds histogram
    vllm:time_to_first_token_seconds_bucket{engine="0",le="0.001",model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.0
    vllm:time_to_first_token_seconds_bucket{engine="0",le="0.005",model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.0
    vllm:time_to_first_token_seconds_bucket{engine="0",le="0.01",model_name="meta-llama/Llama-3.1-8B-Instruct"} 2.0
    vllm:time_to_first_token_seconds_bucket{engine="0",le="0.02",model_name="meta-llama/Llama-3.1-8B-Instruct"} 10.0
    vllm:time_to_first_token_seconds_bucket{engine="0",le="0.04",model_name="meta-llama/Llama-3.1-8B-Instruct"} 40.0
    vllm:time_to_first_token_seconds_bucket{engine="0",le="0.06",model_name="meta-llama/Llama-3.1-8B-Instruct"} 70.0
    vllm:time_to_first_token_seconds_bucket{engine="0",le="0.08",model_name="meta-llama/Llama-3.1-8B-Instruct"} 90.0
    vllm:time_to_first_token_seconds_bucket{engine="0",le="0.1",model_name="meta-llama/Llama-3.1-8B-Instruct"} 100.0
    vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="meta-llama/Llama-3.1-8B-Instruct"} 100.0
    vllm:time_to_first_token_seconds_count{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 100.0
    vllm:time_to_first_token_seconds_sum{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 4.25
    # HELP vllm:e2e_request_latency_seconds Histogram of end to end request latency in seconds.
    # TYPE vllm:e2e_request_latency_seconds histogram
    vllm:e2e_request_latency_seconds_bucket{engine="0",le="0.3",model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.0
    vllm:e2e_request_latency_seconds_bucket{engine="0",le="1.0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 20.0
    vllm:e2e_request_latency_seconds_bucket{engine="0",le="5.0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 80.0
    vllm:e2e_request_latency_seconds_bucket{engine="0",le="+Inf",model_name="meta-llama/Llama-3.1-8B-Instruct"} 100.0
    vllm:e2e_request_latency_seconds_count{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 100.0
    vllm:e2e_request_latency_seconds_sum{engine="0",model_name="meta-llama/Llama-3.1-8B-Instruct"} 312.5

    """

  static let dcgmLabels =
    #"gpu="0",UUID="GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52",pci_bus_id="00000000:00:1E.0",device="nvidia0","#
    + #"modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-node-7",DCGM_FI_DRIVER_VERSION="550.54.15","#
    + #"container="vllm",namespace="llm",pod="vllm-llama-0""#

  /// The NVIDIA DCGM exporter's `/metrics`: gauges only, integer values, and the sentinel for an
  /// unsupported field.
  static let dcgm = """
    # HELP DCGM_FI_DEV_SM_CLOCK SM clock frequency (in MHz).
    # TYPE DCGM_FI_DEV_SM_CLOCK gauge
    DCGM_FI_DEV_SM_CLOCK{\(dcgmLabels)} 1980
    # HELP DCGM_FI_DEV_GPU_TEMP GPU temperature (in C).
    # TYPE DCGM_FI_DEV_GPU_TEMP gauge
    DCGM_FI_DEV_GPU_TEMP{\(dcgmLabels)} 61
    # HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).
    # TYPE DCGM_FI_DEV_POWER_USAGE gauge
    DCGM_FI_DEV_POWER_USAGE{\(dcgmLabels)} 412.566000
    # HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).
    # TYPE DCGM_FI_DEV_GPU_UTIL gauge
    DCGM_FI_DEV_GPU_UTIL{\(dcgmLabels)} 87
    # HELP DCGM_FI_DEV_FB_FREE Framebuffer memory free (in MiB).
    # TYPE DCGM_FI_DEV_FB_FREE gauge
    DCGM_FI_DEV_FB_FREE{\(dcgmLabels)} 5210
    # HELP DCGM_FI_DEV_FB_USED Framebuffer memory used (in MiB).
    # TYPE DCGM_FI_DEV_FB_USED gauge
    DCGM_FI_DEV_FB_USED{\(dcgmLabels)} 76283
    # HELP DCGM_FI_DEV_XID_ERRORS Value of the last XID error encountered.
    # TYPE DCGM_FI_DEV_XID_ERRORS gauge
    DCGM_FI_DEV_XID_ERRORS{\(dcgmLabels),err_code="0",err_msg="No Error"} 0
    # HELP DCGM_FI_PROF_GR_ENGINE_ACTIVE Ratio of time the graphics engine is active.
    # TYPE DCGM_FI_PROF_GR_ENGINE_ACTIVE gauge
    DCGM_FI_PROF_GR_ENGINE_ACTIVE{\(dcgmLabels)} 9223372036854775794

    """

  static let genAILabels =
    #"gen_ai_operation_name="chat",gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o-mini","#
    + #"gen_ai_response_model="gpt-4o-mini-2024-07-18""#

  static let inputTokens = genAILabels + #",gen_ai_token_type="input",otel_scope_name="envoyproxy/ai-gateway""#
  static let outputTokens = genAILabels + #",gen_ai_token_type="output",otel_scope_name="envoyproxy/ai-gateway""#

  /// An OpenTelemetry GenAI gateway (Envoy AI Gateway style) through the OTel Prometheus exporter.
  static let genAI = """
    # HELP target_info Target metadata
    # TYPE target_info gauge
    target_info{service_name="ai-gateway",telemetry_sdk_language="go"} 1
    # HELP gen_ai_client_token_usage Number of tokens processed.
    # TYPE gen_ai_client_token_usage histogram
    gen_ai_client_token_usage_bucket{\(inputTokens),le="1"} 0
    gen_ai_client_token_usage_bucket{\(inputTokens),le="4"} 0
    gen_ai_client_token_usage_bucket{\(inputTokens),le="16"} 3
    gen_ai_client_token_usage_bucket{\(inputTokens),le="64"} 10
    gen_ai_client_token_usage_bucket{\(inputTokens),le="256"} 40
    gen_ai_client_token_usage_bucket{\(inputTokens),le="1024"} 50
    gen_ai_client_token_usage_bucket{\(inputTokens),le="+Inf"} 50
    gen_ai_client_token_usage_sum{\(inputTokens)} 6520
    gen_ai_client_token_usage_count{\(inputTokens)} 50
    gen_ai_client_token_usage_bucket{\(outputTokens),le="1"} 0
    gen_ai_client_token_usage_bucket{\(outputTokens),le="4"} 1
    gen_ai_client_token_usage_bucket{\(outputTokens),le="16"} 5
    gen_ai_client_token_usage_bucket{\(outputTokens),le="64"} 20
    gen_ai_client_token_usage_bucket{\(outputTokens),le="256"} 45
    gen_ai_client_token_usage_bucket{\(outputTokens),le="1024"} 50
    gen_ai_client_token_usage_bucket{\(outputTokens),le="+Inf"} 50
    gen_ai_client_token_usage_sum{\(outputTokens)} 4310
    gen_ai_client_token_usage_count{\(outputTokens)} 50
    # HELP gen_ai_server_request_duration Time spent processing the request in seconds.
    # TYPE gen_ai_server_request_duration histogram
    gen_ai_server_request_duration_bucket{\(genAILabels),le="0.16"} 4
    gen_ai_server_request_duration_bucket{\(genAILabels),le="0.64"} 30
    gen_ai_server_request_duration_bucket{\(genAILabels),le="2.56"} 48
    gen_ai_server_request_duration_bucket{\(genAILabels),le="+Inf"} 50
    gen_ai_server_request_duration_sum{\(genAILabels)} 31.7
    gen_ai_server_request_duration_count{\(genAILabels)} 50
    # HELP gen_ai_server_time_to_first_token Time to generate the first token for successful responses.
    # TYPE gen_ai_server_time_to_first_token histogram
    gen_ai_server_time_to_first_token_bucket{\(genAILabels),le="0.1"} 12
    gen_ai_server_time_to_first_token_bucket{\(genAILabels),le="0.25"} 44
    gen_ai_server_time_to_first_token_bucket{\(genAILabels),le="+Inf"} 50
    gen_ai_server_time_to_first_token_sum{\(genAILabels)} 7.9
    gen_ai_server_time_to_first_token_count{\(genAILabels)} 50
    # HELP gen_ai_server_time_per_output_token Time per output token after the first.
    # TYPE gen_ai_server_time_per_output_token histogram
    gen_ai_server_time_per_output_token_bucket{\(genAILabels),le="0.01"} 3
    gen_ai_server_time_per_output_token_bucket{\(genAILabels),le="0.05"} 47
    gen_ai_server_time_per_output_token_bucket{\(genAILabels),le="+Inf"} 50
    gen_ai_server_time_per_output_token_sum{\(genAILabels)} 1.2
    gen_ai_server_time_per_output_token_count{\(genAILabels)} 50
    # HELP aigw_requests_total Requests by route and outcome.
    # TYPE aigw_requests_total counter
    aigw_requests_total{route="chat-default",code="200"} 48
    aigw_requests_total{route="chat-default",code="429"} 2
    # TYPE aigw_cache_hits_total counter
    aigw_cache_hits_total{route="chat-default"} 9

    """
}
