import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

/// Informers that share a `ReconnectSignal` wake each other: after the API server comes back, the
/// first to reach it ends every other's backoff wait. The waits here are an hour long, so only the
/// signal can end them within the test's time.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ReconnectSignalTests {
  static let hour = Duration.seconds(3600)

  @Test("a wait ends when the signal fires, long before its delay")
  func firing() async {
    let signal = ReconnectSignal()
    let generation = signal.generation
    async let woken = signal.wait(Self.hour, after: generation, clock: ContinuousClock())
    await Task.yield()
    signal.fire()
    #expect(await woken)
  }

  @Test("a signal fired between a failure and its wait is not lost")
  func firedBeforeWaiting() async {
    let signal = ReconnectSignal()
    let generation = signal.generation
    signal.fire()
    #expect(await signal.wait(Self.hour, after: generation, clock: ContinuousClock()))
  }

  @Test("a wait the signal does not end lasts its delay")
  func delayElapses() async {
    let signal = ReconnectSignal()
    #expect(await !signal.wait(.milliseconds(1), after: signal.generation, clock: ContinuousClock()))
  }

  @Test("an informer in a long backoff resyncs as soon as another one reaches the restarted server")
  func wokenByAnother() async throws {
    let directory = EmbeddedServer.temporaryDirectory()
    var server = try await EmbeddedServer.start(directory: directory)
    let port = URLComponents(string: server.endpoints.apiServer)?.port ?? 0
    let client = try InformerTests.client(server)
    try await InformerTests.makeNamespace(client, "woken")
    _ = try await client.create(InformerTests.aiclusters, InformerTests.cluster("c0", namespace: "woken"))
    let signal = ReconnectSignal()
    let quick = Informer(
      client: client, resource: InformerTests.aiclusters, namespace: "woken",
      backoff: Backoff(initial: .milliseconds(100), maximum: .milliseconds(200)), reconnect: signal)
    let slow = Informer(
      client: client, resource: InformerTests.aiclusters, namespace: "woken",
      backoff: Backoff(initial: Self.hour, maximum: Self.hour), reconnect: signal)
    let tasks = [Task { await quick.run() }, Task { await slow.run() }]
    defer { tasks.forEach { $0.cancel() } }
    await slow.waitUntilSynced()
    await quick.waitUntilSynced()

    await server.stop()
    #expect(await InformerTests.eventually(slow) { if case .disconnected = await $0.state { true } else { false } })
    server = try await EmbeddedServer.start(directory: directory, port: port)
    _ = try await client.setReplicas(InformerTests.aiclusters, name: "c0", namespace: "woken", replicas: 5)
    #expect(
      await InformerTests.eventually(slow, timeout: .seconds(30)) {
        await $0.object(namespace: "woken", name: "c0")?[path: ["spec", "replicas"]] == 5
      })
    #expect(await slow.state == .synced)
    await server.stop()
  }
}
