import ClusterClient
import Testing

@testable import Gateway

@Suite("FleetMetrics")
struct FleetMetricsTests {
  func families(_ metrics: FleetMetrics) throws -> [String: MetricFamily] {
    let parsed = try PrometheusTextParser.parse(metrics.exposition())
    return Dictionary(uniqueKeysWithValues: parsed.map { ($0.name, $0) })
  }

  /// Serves `prompts` on `instance` through a SimulatedBackend with no delays; the usage the
  /// client would see, summed.
  func serve(
    _ prompts: [String], on instance: ServingInstance, load: InstanceLoad, metrics: FleetMetrics
  ) async throws -> (prompt: Int, completion: Int) {
    let backend = SimulatedBackend(load: load, metrics: metrics, timeScale: 0)
    var usage = (prompt: 0, completion: 0)
    for (index, prompt) in prompts.enumerated() {
      let generation = try await backend.generate(Fixtures.request(prompt, id: "r\(index)"), on: instance)
      usage.prompt += generation.promptTokens
      usage.completion += try await Fixtures.drain(generation).count
    }
    return usage
  }

  @Test("vLLM series count the tokens of the requests served, per instance")
  func vllm() async throws {
    let load = InstanceLoad()
    let metrics = FleetMetrics()
    let instance = Fixtures.instance()
    let usage = try await serve(["one prompt", "another, longer prompt"], on: instance, load: load, metrics: metrics)
    _ = await load.begin(on: instance, promptTokens: 500, completionTokens: 500)
    await metrics.refresh(from: load, instances: [instance])
    let parsed = try families(metrics)
    let selector = ["model_name": "llama-3-8b", "namespace": "demo", "pod": "llama-abc12"]
    #expect(parsed["vllm:prompt_tokens_total"]?.samples(matching: selector).first?.value == Double(usage.prompt))
    #expect(
      parsed["vllm:generation_tokens_total"]?.samples(matching: selector).first?.value == Double(usage.completion))
    #expect(parsed["vllm:num_requests_running"]?.samples(matching: selector).first?.value == 1)
    #expect(parsed["vllm:num_requests_waiting"]?.samples(matching: selector).first?.value == 0)
    let kv = try #require(parsed["vllm:kv_cache_usage_perc"]?.samples.first?.value)
    #expect(kv > 0 && kv < 1)
    #expect(parsed["vllm:gpu_cache_usage_perc"]?.samples.first?.value == kv)
    #expect(parsed["vllm:e2e_request_latency_seconds"]?.histograms.first?.count == 2)
    #expect(parsed["vllm:time_to_first_token_seconds"]?.histograms.first?.count == 2)
    #expect(parsed["vllm:prompt_tokens_total"]?.type == .counter)
  }

  @Test("DCGM series label every GPU of the nodes and the instance holding it")
  func dcgm() async throws {
    let clock = ManualClock()
    let load = InstanceLoad(clock: clock)
    let metrics = FleetMetrics(gpusPerNode: 4)
    let first = Fixtures.instance(pod: "a-1", gpus: 2)
    let second = Fixtures.instance(pod: "b-1", gpus: 1)
    for _ in 0..<16 { _ = await load.begin(on: first, promptTokens: 10, completionTokens: 10) }
    clock.advance(by: .seconds(60))
    await metrics.refresh(from: load, instances: [second, first], nodes: ["sim-gpu-node-1", "sim-gpu-node-2"])
    let util = try #require(try families(metrics)["DCGM_FI_DEV_GPU_UTIL"])
    #expect(util.samples.count == 8)
    let held = util.samples(matching: ["Hostname": "sim-gpu-node-1", "pod": "a-1"])
    #expect(held.compactMap { $0.label("gpu") }.sorted() == ["0", "1"])
    #expect(held.allSatisfy { $0.value == 100 && $0.label("container") == "model" })
    let gpu2 = try #require(util.samples(matching: ["Hostname": "sim-gpu-node-1", "gpu": "2"]).first)
    #expect(gpu2.label("pod") == "b-1")
    #expect(gpu2.value == 0)
    #expect(gpu2.label("device") == "nvidia2")
    #expect(gpu2.label("modelName") == "NVIDIA H100 80GB HBM3")
    #expect(gpu2.label("UUID")?.hasPrefix("GPU-") == true)
    #expect(util.samples(matching: ["Hostname": "sim-gpu-node-2", "pod": ""]).count == 4)
    let power = try #require(try families(metrics)["DCGM_FI_DEV_POWER_USAGE"])
    #expect(abs((power.samples(matching: ["pod": "a-1"]).first?.value ?? 0) - 700) < 1e-6)
    #expect(power.samples(matching: ["Hostname": "sim-gpu-node-2"]).first?.value == 70)
  }

  @Test("an instance no longer served loses its series and frees its GPUs")
  func departure() async throws {
    let load = InstanceLoad()
    let metrics = FleetMetrics(gpusPerNode: 2)
    let instance = Fixtures.instance(pod: "gone-1")
    _ = try await serve(["hello"], on: instance, load: load, metrics: metrics)
    await metrics.refresh(from: load, instances: [instance])
    await metrics.refresh(from: load, instances: [], nodes: ["sim-gpu-node-1"])
    let parsed = try families(metrics)
    #expect(parsed["vllm:prompt_tokens_total"] == nil)
    #expect(parsed["vllm:num_requests_running"] == nil)
    let util = try #require(parsed["DCGM_FI_DEV_GPU_UTIL"])
    #expect(util.samples.count == 2)
    #expect(util.samples.allSatisfy { $0.label("pod") == "" })
  }

  @Test("GPU identities are stable and distinct per node and index")
  func identity() {
    let gpus = SimulatedGPU.assign(instances: [], nodes: ["n1", "n2"], gpusPerNode: 8)
    #expect(Set(gpus.map(\.uuid)).count == 16)
    #expect(gpus[0].uuid == SimulatedGPU(node: "n1", index: 0).uuid)
    #expect(gpus[0].uuid.count == 40)
    #expect(gpus[1].pciBusID == "00000000:2A:00.0")
  }
}
