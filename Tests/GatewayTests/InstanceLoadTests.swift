import Foundation
import Testing

@testable import Gateway

@Suite("InstanceLoad")
struct InstanceLoadTests {
  @Test("counts requests in flight per instance, running up to capacity and waiting beyond")
  func counts() async {
    let load = InstanceLoad(clock: ManualClock())
    let busy = Fixtures.instance(pod: "busy")
    var tickets: [InstanceLoad.Ticket] = []
    for _ in 0..<34 { tickets.append(await load.begin(on: busy, promptTokens: 10, completionTokens: 10).ticket) }
    _ = await load.begin(on: Fixtures.instance(pod: "quiet"), promptTokens: 10, completionTokens: 10)
    #expect(await load.running("busy") == 32)
    #expect(await load.waiting("busy") == 2)
    #expect(await load.inFlight("quiet") == 1)
    #expect(await load.inFlight("unknown") == 0)
    for ticket in tickets.prefix(3) { await load.end(ticket, generatedTokens: 10) }
    #expect(await load.running("busy") == 31)
    #expect(await load.waiting("busy") == 0)
  }

  @Test("counts the tokens of ended requests, prompts only of those that did not fail")
  func tokens() async {
    let load = InstanceLoad(clock: ManualClock())
    let instance = Fixtures.instance()
    let served = await load.begin(on: instance, promptTokens: 12, completionTokens: 30).ticket
    let failed = await load.begin(on: instance, promptTokens: 100, completionTokens: 30).ticket
    await load.end(served, generatedTokens: 30)
    await load.end(failed, generatedTokens: 0, failed: true)
    await load.end(served, generatedTokens: 30)
    let reading = await load.reading(instance)
    #expect(reading.promptTokens == 12)
    #expect(reading.generationTokens == 30)
  }

  @Test("GPU utilisation rises with concurrent requests over about 2 s and decays when idle")
  func utilisation() async {
    let clock = ManualClock()
    let load = InstanceLoad(clock: clock)
    let instance = Fixtures.instance()
    let weights = ModelWeights(model: instance.modelName).mebibytesPerGPU(gpus: instance.gpus)
    #expect(await load.reading(instance).gpu == GPUProfile().reading(utilisation: 0, weightsMiB: weights, kvTokens: 0))
    var tickets: [InstanceLoad.Ticket] = []
    for _ in 0..<4 { tickets.append(await load.begin(on: instance, promptTokens: 100, completionTokens: 100).ticket) }
    clock.advance(by: .seconds(2))
    let rising = await load.reading(instance)
    #expect(abs(rising.utilisation - 0.5 * (1 - 1 / M_E)) < 1e-9)
    clock.advance(by: .seconds(30))
    let steady = await load.reading(instance)
    #expect(abs(steady.utilisation - 0.5) < 1e-6)
    #expect(abs(steady.gpu.powerWatts - (70 + 0.5 * 630)) < 1e-3)
    #expect(abs(steady.gpu.temperatureCelsius - 55) < 1e-3)
    for ticket in tickets { await load.end(ticket, generatedTokens: 100) }
    clock.advance(by: .seconds(2))
    let decaying = await load.reading(instance)
    #expect(abs(decaying.utilisation - 0.5 / M_E) < 1e-6)
    #expect(decaying.gpu.memoryUsedMiB == weights)
  }

  @Test("more concurrent requests drive utilisation higher, up to saturation")
  func saturation() async {
    let clock = ManualClock()
    let load = InstanceLoad(clock: clock)
    let light = Fixtures.instance(pod: "light")
    let heavy = Fixtures.instance(pod: "heavy")
    _ = await load.begin(on: light, promptTokens: 1, completionTokens: 1)
    for _ in 0..<20 { _ = await load.begin(on: heavy, promptTokens: 1, completionTokens: 1) }
    clock.advance(by: .seconds(60))
    #expect(abs(await load.reading(light).utilisation - 1.0 / 8) < 1e-6)
    #expect(abs(await load.reading(heavy).utilisation - 1) < 1e-6)
    #expect(await load.reading(heavy).gpu.utilisationPercent <= 100)
  }

  @Test("memory holds the weights plus the running requests' KV cache")
  func memory() async {
    let load = InstanceLoad(clock: ManualClock())
    let instance = Fixtures.instance(gpus: 2)
    _ = await load.begin(on: instance, promptTokens: 1000, completionTokens: 1000)
    let reading = await load.reading(instance)
    let profile = GPUProfile()
    let weights = ModelWeights(model: "llama-3-8b").mebibytesPerGPU(gpus: 2)
    #expect(reading.gpu.memoryUsedMiB == weights + 1000 * profile.kvCacheMiBPerToken)
    #expect(reading.gpu.memoryFreeMiB == profile.memoryMiB - reading.gpu.memoryUsedMiB)
    #expect(abs(reading.kvCacheUsage - 1000 / profile.kvCacheTokensPerGPU(weightsMiB: weights)) < 1e-12)
  }

  @Test("an idle embeddings model holds a sliver of its GPU, an 8B model a fifth, a 70B on 4 GPUs more")
  func memoryFollowsModelSize() async {
    let load = InstanceLoad(clock: ManualClock())
    func usedPercent(_ model: String, gpus: Int = 1) async -> Double {
      var instance = Fixtures.instance(pod: model, gpus: gpus)
      instance.modelName = model
      let gpu = await load.reading(instance).gpu
      return gpu.memoryUsedMiB / (gpu.memoryUsedMiB + gpu.memoryFreeMiB) * 100
    }
    let embeddings = await usedPercent("bge-large")
    let small = await usedPercent("llama-3-8b")
    let mistral = await usedPercent("mistral-7b")
    let large = await usedPercent("llama-3-70b", gpus: 4)
    #expect(embeddings < 2)
    #expect((18...21).contains(small))
    #expect(mistral < small)
    #expect(large > small && large < 50)
  }

  @Test(
    "a model's size is read from its name, or known for families that state none",
    arguments: [
      ("llama-3-8b", 8e9), ("qwen2-0.5b", 0.5e9), ("mixtral-8x7b", 56e9), ("e5-small-v2", 33e6),
      ("bge-large", 335e6), ("Meta-Llama-3.1-70B-Instruct", 70e9), ("mystery-model", 7e9), ("gpt2", 124e6),
    ])
  func parameterCounts(model: String, parameters: Double) {
    #expect(ModelWeights(model: model).parameters == parameters)
  }
}
