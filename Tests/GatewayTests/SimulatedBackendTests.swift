import ClusterClient
import KubeCore
import Synchronization
import Testing

@testable import Gateway

@Suite("SimulatedBackend")
struct SimulatedBackendTests {
  /// The requests a backend reported, in order.
  final class Reports: Sendable {
    let served = Mutex<[ServedRequest]>([])
    var all: [ServedRequest] { served.withLock { $0 } }
  }

  func backend(_ reports: Reports, load: InstanceLoad = InstanceLoad(), timeScale: Double = 0) -> SimulatedBackend {
    SimulatedBackend(load: load, timeScale: timeScale) { _, served in reports.served.withLock { $0.append(served) } }
  }

  @Test("streams the deterministic completion and counts the prompt with TokenCounter")
  func completion() async throws {
    let reports = Reports()
    let request = Fixtures.request("Explain KV caches in one paragraph.", maxTokens: 12)
    let generation = try await backend(reports).generate(request, on: Fixtures.instance())
    let tokens = try await Fixtures.drain(generation)
    let expected = CompletionText(model: request.model, prompt: request.prompt, maxTokens: 12)
    #expect(tokens == expected.tokens)
    #expect(tokens.count == 12)
    #expect(generation.promptTokens == TokenCounter.count(request.prompt))
    #expect(reports.all.map(\.completionTokens) == [12])
    #expect(reports.all.first?.status == 200)
  }

  @Test("holds the request in InstanceLoad while it streams and releases it at the end")
  func load() async throws {
    let load = InstanceLoad()
    let reports = Reports()
    let instance = Fixtures.instance()
    let generation = try await backend(reports, load: load).generate(Fixtures.request("hi"), on: instance)
    #expect(await load.inFlight(instance.pod) == 1)
    let tokens = try await Fixtures.drain(generation)
    #expect(await load.inFlight(instance.pod) == 0)
    #expect(await load.reading(instance).generationTokens == tokens.count)
  }

  @Test("a generation dropped unread still ends its request")
  func dropped() async throws {
    let load = InstanceLoad()
    let instance = Fixtures.instance()
    do {
      _ = try await backend(Reports(), load: load).generate(Fixtures.request("hi"), on: instance)
    }
    #expect(await load.inFlight(instance.pod) == 0)
  }

  @Test("writes the served request as a JSON log line with the correlation ID")
  func logLine() async throws {
    let reports = Reports()
    let request = Fixtures.request("hello there", maxTokens: 5, id: "corr-42")
    _ = try await Fixtures.drain(try await backend(reports).generate(request, on: Fixtures.instance()))
    let line = try JSONParser.parse(Array(try #require(reports.all.first).logLine.utf8))
    #expect(line["msg"] == "request served")
    #expect(line["correlation_id"] == "corr-42")
    #expect(line["pod"] == "llama-abc12")
    #expect(line["tokens_in"]?.intValue == 3)
    #expect(line["tokens_out"]?.intValue == 5)
    #expect(line["status"]?.intValue == 200)
    #expect(line["ts"]?.stringValue.flatMap { LogTimestamp(rfc3339: $0) } != nil)
  }

  @Test("an oom instance refuses a request whose context does not fit, and serves a short one")
  func outOfMemory() async throws {
    let reports = Reports()
    let instance = Fixtures.instance(failureMode: .oom)
    let long = Fixtures.request(String(repeating: "word ", count: 4000), maxTokens: 256)
    await #expect(throws: GenerationError.self) { try await backend(reports).generate(long, on: instance) }
    let short = Fixtures.request("short", maxTokens: 8)
    let tokens = try await Fixtures.drain(try await backend(reports).generate(short, on: instance))
    #expect(tokens.count == 8)
    #expect(reports.all.map(\.status) == [503, 200])
    #expect(reports.all.first?.error?.hasPrefix("CUDA out of memory") == true)
  }

  @Test("a crash-looping instance fails every request with 503")
  func crashloop() async throws {
    let reports = Reports()
    do {
      _ = try await backend(reports).generate(Fixtures.request("hi"), on: Fixtures.instance(failureMode: .crashloop))
      Issue.record("a crash-looping instance served a request")
    } catch let error as GenerationError {
      #expect(error.status == 503)
    }
    #expect(reports.all.map(\.status) == [503])
  }

  @Test("a slow instance takes at least ten times the normal time to first token")
  func slow() async throws {
    let reports = Reports()
    let request = Fixtures.request("hi", maxTokens: 1)
    let timeScale = 0.5
    _ = try await Fixtures.drain(
      try await backend(reports, timeScale: timeScale).generate(request, on: Fixtures.instance(failureMode: .slow)))
    let ttft = try #require(reports.all.first?.timeToFirstToken)
    #expect(ttft >= .seconds(GenerationTiming.baseTimeToFirstToken * 10 * timeScale))
  }
}
