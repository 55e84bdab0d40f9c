import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

/// Informers against the embedded server over HTTPS: sync, live changes, a server restart, a
/// forced `410 Gone` and a thousand changes made while disconnected. The cache must end equal to
/// a fresh list every time.
@Suite(.serialized, .timeLimit(.minutes(5))) struct InformerTests {
  static let aiclusters = APIResource(
    group: "ai.aiconsole.dev", version: "v1", name: "aiclusters", kind: "AICluster", namespaced: true,
    shortNames: ["aic"], categories: ["ai"], subresources: ["status", "scale"])
  static let namespaces = APIResource(
    group: "", version: "v1", name: "namespaces", kind: "Namespace", namespaced: false)

  static func cluster(_ name: String, namespace: String, replicas: Int64 = 1, team: String = "a") -> JSONValue {
    [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster",
      "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": ["team": .string(team)]],
      "spec": [
        "replicas": .int(replicas), "modelName": "llama", "modelVersion": "3.1", "image": "vllm/vllm-openai:v0.6",
      ],
    ]
  }

  static func client(_ server: EmbeddedServer) throws -> KubeClient {
    try KubeClient(configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited))
  }

  static func makeNamespace(_ client: KubeClient, _ name: String) async throws {
    _ = try await client.create(
      namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
  }

  /// Waits until `condition` holds for the informer, polling its cache.
  static func eventually(
    _ informer: Informer, timeout: Duration = .seconds(30), _ condition: @Sendable (Informer) async -> Bool
  ) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if await condition(informer) { return true }
      try? await Task.sleep(for: .milliseconds(50))
    }
    return false
  }

  /// The cache, reduced to name → resourceVersion, against a fresh list from the server.
  static func matchesFreshList(_ informer: Informer, _ client: KubeClient, namespace: String) async throws -> Bool {
    let fresh = try await client.listAll(aiclusters, namespace: namespace)
    return summary(await informer.list(namespace: namespace)) == summary(fresh.items)
  }

  static func summary(_ objects: [JSONValue]) -> [String: String] {
    var result: [String: String] = [:]
    for object in objects {
      result[object[path: ["metadata", "name"]]?.stringValue ?? ""] =
        object[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
    }
    return result
  }

  @Test func syncsPagesAndFollowsLiveChangesWithEvents() async throws {
    let server = try await EmbeddedServer.start()
    let client = try Self.client(server)
    try await Self.makeNamespace(client, "inf")
    for index in 0..<120 {
      _ = try await client.create(
        Self.aiclusters, Self.cluster("c\(index)", namespace: "inf", team: index % 2 == 0 ? "a" : "b"))
    }
    let informer = Informer(client: client, resource: Self.aiclusters, namespace: "inf", pageSize: 50)
    let events = await informer.events()
    let running = Task { await informer.run() }
    await informer.waitUntilSynced()
    #expect(await informer.count == 120)
    #expect(await informer.list(selector: try LabelSelector(parsing: "team=a")).count == 60)
    _ = try await client.setReplicas(Self.aiclusters, name: "c1", namespace: "inf", replicas: 5)
    try await client.delete(Self.aiclusters, name: "c2", namespace: "inf")
    _ = try await client.create(Self.aiclusters, Self.cluster("late", namespace: "inf"))
    var added = 0
    var modified = 0
    var deleted = 0
    var progress: [SyncState] = []
    for await event in events {
      switch event {
      case .added: added += 1
      case .modified(let old, let new):
        modified += 1
        #expect(old[path: ["spec", "replicas"]] == 1 && new[path: ["spec", "replicas"]] == 5)
      case .deleted(let object): deleted += object[path: ["metadata", "name"]] == "c2" ? 1 : 0
      case .state(let state): progress.append(state)
      }
      if added == 121, modified == 1, deleted == 1 { break }
    }
    #expect(progress.contains(.syncing(loaded: 50, total: 120)))
    #expect(progress.last == .synced)
    #expect(try await Self.matchesFreshList(informer, client, namespace: "inf"))
    let typed = await informer.objects(as: TypedCluster.self)
    #expect(typed.first { $0.metadata.name == "c1" }?.spec.replicas == 5)
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }

  @Test func batchesTellTheFirstListAPageAtATimeThenEachChange() async throws {
    let server = try await EmbeddedServer.start()
    let client = try Self.client(server)
    try await Self.makeNamespace(client, "batches")
    for index in 0..<120 {
      _ = try await client.create(Self.aiclusters, Self.cluster("c\(index)", namespace: "batches"))
    }
    let informer = Informer(client: client, resource: Self.aiclusters, namespace: "batches", pageSize: 50)
    let batches = await informer.batches()
    let running = Task { await informer.run() }
    var additions: [Int] = []
    var names: Set<String> = []
    var synced = false
    var late: [InformerEvent] = []
    for await batch in batches {
      let added = batch.compactMap { if case .added(let object) = $0 { object } else { nil } }
      if !added.isEmpty, !synced { additions.append(added.count) }
      names.formUnion(added.map { $0[path: ["metadata", "name"]]?.stringValue ?? "" })
      if synced { late += batch.filter { $0.object != nil } }
      if batch.contains(where: { if case .state(.synced) = $0 { true } else { false } }), !synced {
        synced = true
        _ = try await client.setReplicas(Self.aiclusters, name: "c3", namespace: "batches", replicas: 4)
      }
      if !late.isEmpty { break }
    }
    // The pages as they came, each object once; then the live change on its own.
    #expect(additions == [50, 50, 20])
    #expect(names.count == 120)
    guard case .modified(_, let new)? = late.first else {
      Issue.record("no modification after the sync: \(late)")
      return
    }
    #expect(new[path: ["spec", "replicas"]] == 4)
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }

  struct TypedCluster: Decodable {
    struct Spec: Decodable { var replicas: Int }
    var metadata: ObjectMeta
    var spec: Spec
  }

  @Test func survivesRestartsGoneAndAThousandChangesWhileDisconnected() async throws {
    let directory = EmbeddedServer.temporaryDirectory()
    var server = try await EmbeddedServer.start(directory: directory, watchWindow: 100)
    let port = URLComponents(string: server.endpoints.apiServer)?.port ?? 0
    let client = try Self.client(server)
    try await Self.makeNamespace(client, "flaky")
    for index in 0..<300 { _ = try await client.create(Self.aiclusters, Self.cluster("c\(index)", namespace: "flaky")) }
    let informer = Informer(
      client: client, resource: Self.aiclusters, namespace: "flaky",
      backoff: Backoff(initial: .milliseconds(100), maximum: .milliseconds(500)))
    let states = await informer.events()
    let sawDisconnect = Task {
      for await case .state(let state) in states {
        if case .disconnected = state { return true }
      }
      return false
    }
    let running = Task { await informer.run() }
    await informer.waitUntilSynced()

    // 1. A restart mid-watch, on the same port: the informer resumes from its last resourceVersion.
    await server.stop()
    server = try await EmbeddedServer.start(directory: directory, port: port, watchWindow: 100)
    _ = try await client.setReplicas(Self.aiclusters, name: "c0", namespace: "flaky", replicas: 7)
    #expect(
      await Self.eventually(informer) {
        await $0.object(namespace: "flaky", name: "c0")?[path: ["spec", "replicas"]] == 7
      })
    #expect(await sawDisconnect.value)

    // 2. A thousand changes on a server the informer cannot reach, then back on its port with a
    // history too short to replay them: the watch gets 410 Gone and the informer lists again.
    await server.stop()
    let hidden = try await EmbeddedServer.start(directory: directory, port: try FreePort.find(), watchWindow: 100)
    let writer = try Self.client(hidden)
    for index in 0..<400 { _ = try await writer.create(Self.aiclusters, Self.cluster("n\(index)", namespace: "flaky")) }
    for index in 0..<400 {
      _ = try await writer.setReplicas(Self.aiclusters, name: "c\(index % 300)", namespace: "flaky", replicas: 3)
    }
    for index in 0..<200 { try await writer.delete(Self.aiclusters, name: "n\(index)", namespace: "flaky") }
    try await writer.shutdown()
    await hidden.stop()
    let listsBefore = await informer.listCount
    server = try await EmbeddedServer.start(directory: directory, port: port, watchWindow: 100)
    let relisted = await Self.eventually(informer) { informer in
      let lists = await informer.listCount
      let synced = await informer.state.isSynced
      return lists > listsBefore && synced
    }
    #expect(relisted)
    #expect(await informer.count == 500)
    #expect(try await Self.matchesFreshList(informer, client, namespace: "flaky"))

    // 3. And it keeps following afterwards.
    try await client.delete(Self.aiclusters, name: "c5", namespace: "flaky")
    #expect(await Self.eventually(informer) { await $0.object(namespace: "flaky", name: "c5") == nil })
    #expect(try await Self.matchesFreshList(informer, client, namespace: "flaky"))
    running.cancel()
    await running.value
    try await client.shutdown()
    await server.stop()
  }

  @Test func aWatchFromACompactedRevisionIsGone() async throws {
    let server = try await EmbeddedServer.start(watchWindow: 10)
    let client = try Self.client(server)
    try await Self.makeNamespace(client, "old")
    let first = try await client.create(Self.aiclusters, Self.cluster("a", namespace: "old"))
    for replicas in 2...30 {
      _ = try await client.setReplicas(Self.aiclusters, name: "a", namespace: "old", replicas: replicas)
    }
    let stale = first[path: ["metadata", "resourceVersion"]]?.stringValue
    await #expect {
      let events = try await client.watch(
        Self.aiclusters, namespace: "old", options: ListOptions(resourceVersion: stale))
      for try await _ in events {}
    } throws: { error in
      guard case .gone = error as? KubeError else { return false }
      return true
    }
    try await client.shutdown()
    await server.stop()
  }
}
