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
    #expect(await load.reading(instance).gpu == GPUProfile().reading(utilisation: 0, kvTokens: 0))
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
    #expect(decaying.gpu.memoryUsedMiB == GPUProfile().weightsMiBPerGPU)
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
    #expect(reading.gpu.memoryUsedMiB == profile.weightsMiBPerGPU + 1000 * profile.kvCacheMiBPerToken)
    #expect(reading.gpu.memoryFreeMiB == profile.memoryMiB - reading.gpu.memoryUsedMiB)
    #expect(abs(reading.kvCacheUsage - 1000 / profile.kvCacheTokensPerGPU) < 1e-12)
  }
}
